using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Grains.Suppliers;

/// <summary>One supplier, keyed by its id (see <see cref="SupplierIds"/>).</summary>
[Alias("SupplierQuality.Suppliers.ISupplierGrain")]
public interface ISupplierGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Creates the supplier: <see cref="CommandOutcome.Created"/> the first time, <see cref="CommandOutcome.Ok"/>
    /// for the same command again, <see cref="CommandOutcome.Conflict"/> if it exists with another profile.
    /// </summary>
    [Alias("Create")]
    Task<CommandResult<SupplierDetails>> CreateAsync(CreateSupplier command);

    /// <summary>
    /// Replaces the profile: <see cref="CommandOutcome.Conflict"/> when the supplier is no longer at the expected
    /// version (unless it already has exactly this profile), <see cref="CommandOutcome.NotFound"/> before it exists.
    /// </summary>
    [Alias("Update")]
    Task<CommandResult<SupplierDetails>> UpdateAsync(UpdateSupplier command);

    /// <summary>
    /// Creates or updates as the import's change says, with the outcomes of <see cref="CreateAsync"/> and
    /// <see cref="UpdateAsync"/>, but leaves the directory entry to the caller: an import publishes a whole batch's
    /// entries at once (<see cref="SupplierImportGrain"/>), and counts a supplier only after that.
    /// </summary>
    [Alias("Import")]
    Task<CommandResult<SupplierDetails>> ImportAsync(SupplierImportChange change);

    /// <summary>
    /// Notes that mail to <paramref name="email"/> bounced for good, so managers see which contact to fix. Changes
    /// neither the profile nor its version. Idempotent.
    /// </summary>
    [Alias("MarkEmailUndeliverable")]
    Task MarkEmailUndeliverableAsync(string email, string reason);

    /// <summary>The supplier, or null if it was never created.</summary>
    [Alias("Get")]
    Task<SupplierDetails?> GetAsync();
}
