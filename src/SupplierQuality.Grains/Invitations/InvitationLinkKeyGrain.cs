using System.Security.Cryptography;

namespace SupplierQuality.Grains.Invitations;

[GrainType("invitation-link-key")]
internal sealed class InvitationLinkKeyGrain(
    [PersistentState("linkkey")] IPersistentState<InvitationLinkKeyState> state) : Grain, IInvitationLinkKeyGrain
{
    public async Task<byte[]> GetAsync()
    {
        if (state.State.Key is null)
        {
            state.State.Key = RandomNumberGenerator.GetBytes(32);
            try
            {
                await state.WriteOrDeactivateAsync(this);
            }
            catch
            {
                // Never hand out a key that may not be stored: links made with it would stop working.
                state.State.Key = null;
                throw;
            }
        }

        return state.State.Key;
    }
}
