namespace SupplierQuality.Web.Accounts;

/// <summary>
/// Authorization policies. Pages use the sign-in cookie; the REST API takes only API keys
/// (<c>Authorization: Bearer</c>), so no cookie-borne request can change data through it (no CSRF surface).
/// </summary>
internal static class Policies
{
    /// <summary>Pages: quality managers and admins keep suppliers, questionnaires and campaigns.</summary>
    public const string ManageSuppliers = nameof(ManageSuppliers);

    /// <summary>Pages: anyone signed in may read (quality managers, executives, admins).</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>Pages and the Orleans dashboard: admins only.</summary>
    public const string Admin = nameof(Admin);

    /// <summary>API: an API key whose role is quality manager or admin.</summary>
    public const string ApiWrite = nameof(ApiWrite);

    /// <summary>API: any valid API key.</summary>
    public const string ApiRead = nameof(ApiRead);

    /// <summary>API: an API key whose role is admin (account administration).</summary>
    public const string ApiAdmin = nameof(ApiAdmin);
}
