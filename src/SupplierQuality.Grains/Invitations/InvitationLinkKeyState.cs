namespace SupplierQuality.Grains.Invitations;

[GenerateSerializer, Alias("SupplierQuality.Invitations.InvitationLinkKeyState")]
internal sealed class InvitationLinkKeyState
{
    [Id(0)]
    public byte[]? Key { get; set; }
}
