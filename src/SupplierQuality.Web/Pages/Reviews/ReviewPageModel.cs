using SupplierQuality.Grains.Accounts;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Pages.Reviews;

/// <summary>What the review pages share besides <see cref="FormPageModel"/>: who may change a review, and who is changing it.</summary>
public abstract class ReviewPageModel(IGrainFactory grains) : FormPageModel(grains)
{
    /// <summary>Executives and admins hold reviews; everyone signed in reads them.</summary>
    public bool CanChange => User.IsInRole(Roles.Executive) || User.IsInRole(Roles.Admin);

    /// <summary>The signed-in account, as the audit trail names it.</summary>
    protected string By => User.AccountEmail() ?? throw new InvalidOperationException("A signed-in page has no account email.");
}
