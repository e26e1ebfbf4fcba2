using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Grains.Organisation;

[GrainType("organisation")]
public sealed class OrganisationGrain(
    [PersistentState("organisation")] IPersistentState<OrganisationState> state,
    IOptions<OrganisationOptions> options,
    TimeProvider time) : Grain, IOrganisationGrain
{
    // Every campaign batch reads the details: made once per change, not per call.
    private OrganisationDetails? _details;

    public Task<OrganisationDetails> GetAsync() => Task.FromResult(_details ??= Details());

    public Task<OrganisationLogo?> GetLogoAsync() =>
        Task.FromResult(state.State.Logo is { } logo && (_details ??= Details()).Logo is { } info ? new OrganisationLogo(logo, info) : null);

    public async Task<CommandResult<OrganisationDetails>> SaveAsync(OrganisationUpdate update, int? expectedVersion, string changedBy)
    {
        ArgumentNullException.ThrowIfNull(update);
        var current = _details ??= Details();
        var profile = update.Profile is null ? current.Profile : OrganisationInput.Normalize(update.Profile);
        var errors = new FieldErrors(update.Profile is null ? null : OrganisationInput.Validate(profile));
        string? logoType = null;
        if (update.Logo is { } logo)
        {
            (logoType, var problem) = OrganisationInput.CheckLogo(logo);
            if (problem is not null)
            {
                errors.Add("logo", problem);
            }
        }

        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors.ToDictionary(), current);
        }

        var s = state.State;
        var logoChanges = update.Logo is { } newLogo
            ? s.Logo is null || !newLogo.AsSpan().SequenceEqual(s.Logo)
            : update.RemoveLogo && s.Logo is not null;
        if (profile == current.Profile && !logoChanges)
        {
            return CommandResult.Ok(current);
        }

        if (expectedVersion is { } expected && expected != current.Version)
        {
            return CommandResult.Conflict(
                $"Someone saved the organisation settings (version {current.Version}) since you opened them: nothing was saved. Look at them again and make your change once more.",
                current);
        }

        s.Version = current.Version + 1;
        (s.Name, s.ContactName, s.ContactEmail, s.ReplyTo, s.PrivacyNote) = (profile.Name, profile.ContactName, profile.ContactEmail, profile.ReplyTo, profile.PrivacyNote);
        if (update.Logo is { } taken)
        {
            (s.Logo, s.LogoContentType) = (taken.ToArray(), logoType);
        }
        else if (update.RemoveLogo)
        {
            (s.Logo, s.LogoContentType) = (null, null);
        }

        (s.ChangedBy, s.ChangedAt) = (changedBy, time.GetUtcNow());
        _details = null;
        await state.WriteOrDeactivateAsync(this);
        return CommandResult.Ok(_details = Details());
    }

    private OrganisationDetails Details()
    {
        var s = state.State;
        var profile = s.Version == 0
            ? OrganisationInput.Initial(options.Value.InitialName)
            : new OrganisationProfile(s.Name, s.ContactName, s.ContactEmail, s.ReplyTo, s.PrivacyNote);
        var logo = s.Logo is { Length: > 0 } bytes && s.LogoContentType is { } type
            ? new LogoInfo(type, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))[..16])
            : null;
        return new OrganisationDetails(s.Version, profile, logo, s.ChangedBy, s.ChangedAt);
    }
}
