namespace SupplierQuality.Grains.Invitations;

/// <summary>The key that link tokens are derived from: one per deployment, made on first use, never changed.</summary>
[Alias("SupplierQuality.Invitations.IInvitationLinkKeyGrain")]
public interface IInvitationLinkKeyGrain : IGrainWithIntegerKey
{
    [Alias("Get")]
    Task<byte[]> GetAsync();
}
