namespace SupplierQuality.Grains.Mail;

[GrainType("mail-suppression")]
internal sealed class MailSuppressionGrain(
    [PersistentState("suppression")] IPersistentState<MailSuppressionState> state,
    TimeProvider time) : Grain, IMailSuppressionGrain
{
    public async Task SuppressAsync(string reason)
    {
        if (state.State.Reason is not null)
        {
            return;
        }

        state.State.Reason = string.IsNullOrWhiteSpace(reason) ? "suppressed" : reason.Trim();
        state.State.Since = time.GetUtcNow();
        await state.WriteOrDeactivateAsync(this);
    }

    public Task<string?> ReasonAsync() => Task.FromResult(state.State.Reason);
}
