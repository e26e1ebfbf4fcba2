namespace SupplierQuality.Grains.Accounts;

/// <summary>
/// The ASP.NET Core Data Protection key ring (key 0) that protects sign-in cookies and antiforgery tokens. Kept
/// in a grain so every node of the cluster uses the same keys: a cookie issued by one node is read by the next.
/// A new key every 90 days: the state stays a few kilobytes for years.
/// </summary>
[Alias("SupplierQuality.Accounts.ISessionKeyRingGrain")]
public interface ISessionKeyRingGrain : IGrainWithIntegerKey
{
    /// <summary>Every key element (XML), oldest first.</summary>
    [Alias("GetAll")]
    Task<IReadOnlyList<string>> GetAll();

    /// <summary>Adds a key element under its name; storing the same name again changes nothing.</summary>
    [Alias("Store")]
    Task Store(string friendlyName, string xml);
}
