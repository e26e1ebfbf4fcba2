namespace SupplierQuality.Web.Accounts;

/// <summary>
/// Authorization policies. Pages use the sign-in cookie; the REST API takes only API keys
/// (<c>Authorization: Bearer</c>), so no cookie-borne request can change data through it (no CSRF surface).
/// </summary>
internal static class Policies
{
    /// <summary>
    /// Pages where quality managers and admins keep suppliers, questionnaires, campaigns, metric imports and the
    /// scorecard settings.
    /// </summary>
    public const string ManageSuppliersAndSurveys = nameof(ManageSuppliersAndSurveys);

    /// <summary>Pages: anyone signed in may read (quality managers, executives, admins); every page not named otherwise.</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>
    /// The change-password page: any signed-in account, including one holding a one-time password, which may open no
    /// other page until it is changed.
    /// </summary>
    public const string ChangeOwnPassword = nameof(ChangeOwnPassword);

    /// <summary>Pages and the Orleans dashboard: admins only.</summary>
    public const string Admin = nameof(Admin);

    /// <summary>API: an API key whose role is quality manager or admin.</summary>
    public const string ApiWrite = nameof(ApiWrite);

    /// <summary>API: any valid API key.</summary>
    public const string ApiRead = nameof(ApiRead);

    /// <summary>API: an API key whose role is admin (account administration).</summary>
    public const string ApiAdmin = nameof(ApiAdmin);
}
