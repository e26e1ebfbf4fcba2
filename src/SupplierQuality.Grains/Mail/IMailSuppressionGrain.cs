namespace SupplierQuality.Grains.Mail;

/// <summary>
/// Whether survey mail may go to one address, keyed by the address in upper case (see <see cref="MailSuppression"/>).
/// An unsubscribe, a spam report or a hard bounce suppresses it for every campaign.
/// </summary>
[Alias("SupplierQuality.Mail.IMailSuppressionGrain")]
public interface IMailSuppressionGrain : IGrainWithStringKey
{
    /// <summary>Stops further mail to the address. The first reason is kept. Idempotent.</summary>
    [Alias("Suppress")]
    Task SuppressAsync(string reason);

    /// <summary>Why mail to the address is stopped, or null when it may be sent.</summary>
    [Alias("Reason")]
    Task<string?> ReasonAsync();
}

public static class MailSuppression
{
    public static IMailSuppressionGrain GetMailSuppression(this IGrainFactory grains, string email)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(email);
        return grains.GetGrain<IMailSuppressionGrain>(email.Trim().ToUpperInvariant());
    }
}

[GenerateSerializer, Alias("SupplierQuality.Mail.MailSuppressionState")]
internal sealed class MailSuppressionState
{
    [Id(0)]
    public string? Reason { get; set; }

    [Id(1)]
    public DateTimeOffset? Since { get; set; }
}

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
