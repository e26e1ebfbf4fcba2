using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SupplierQuality.Email.Templates;

namespace SupplierQuality.Grains.Accounts;

[GrainType("account")]
internal sealed class AccountGrain(
    [PersistentState("account")] IPersistentState<AccountState> account,
    IOptions<SignInThrottleOptions> throttle,
    TimeProvider time) : Grain, IAccountGrain
{
    public const int MaxDisplayNameLength = 100;

    private static readonly PasswordHasher<AccountState> Hasher = new();

    // Checked against when there is no account, so an unknown email takes as long as a wrong password.
    private static readonly Lazy<string> DecoyHash = new(() => Hasher.HashPassword(new AccountState(), PasswordPolicy.GenerateOneTime()));

    // In memory only, for known accounts too: a failure writes nothing, so a stranger cannot make the database work,
    // and a wrong password takes as long as an unknown email (which must never create state). A restart forgets the
    // count; the per-address limit still holds then.
    private readonly SignInFailures _failures = new(throttle.Value);

    private AccountState State => account.State;

    private bool Exists => State.Email.Length > 0;

    public async Task<CreateAccountResult> Create(NewAccount request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Exists)
        {
            // A retried create finds the account; publishing again repairs a directory update lost last time.
            await PublishAsync();
            return new CreateAccountResult(false, Info());
        }

        var email = this.GetPrimaryKeyString();
        if (!AccountEmail.IsNormalized(email))
        {
            throw new ArgumentException($"'{email}' is not a normalized email address; use AccountEmail.Normalize for the key.", nameof(request));
        }

        RequireKnownRole(request.Role);
        if (PasswordPolicy.Problem(request.Password) is { } problem)
        {
            throw new ArgumentException(problem, nameof(request));
        }

        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? email : request.DisplayName.Trim();
        if (displayName.Length > MaxDisplayNameLength)
        {
            throw new ArgumentException($"A display name has at most {MaxDisplayNameLength} characters.", nameof(request));
        }

        State.Email = email;
        State.DisplayName = displayName;
        State.Role = request.Role;
        State.PasswordHash = Hasher.HashPassword(State, request.Password);
        State.MustChangePassword = request.MustChangePassword;
        State.SecurityStamp = NewStamp();
        State.CreatedAt = time.GetUtcNow();
        await account.WriteOrDeactivateAsync(this);
        await PublishAsync();
        return new CreateAccountResult(true, Info());
    }

    public Task<AccountInfo?> GetInfo() => Task.FromResult(Exists ? Info() : null);

    public async Task<SignInAttempt> SignIn(string password)
    {
        var now = time.GetUtcNow();
        // The delay comes from the failures before this attempt and holds whatever the outcome, so a quick answer
        // never tells a guesser that this password was the right one.
        var delay = _failures.DelayAt(now);
        var verdict = Verify(password);
        if (!Exists || verdict == PasswordVerificationResult.Failed)
        {
            RecordFailure(now);
            return new SignInAttempt(SignInStatus.Failed, null, delay);
        }

        _failures.Clear();
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            State.PasswordHash = Hasher.HashPassword(State, password);
            await account.WriteOrDeactivateAsync(this);
        }

        return State.Disabled
            ? new SignInAttempt(SignInStatus.Disabled, null, delay)
            : new SignInAttempt(SignInStatus.Succeeded, Info(), delay);
    }

    public async Task<ChangePasswordResult> ChangePassword(string currentPassword, string newPassword)
    {
        if (!Exists || State.Disabled)
        {
            return new ChangePasswordResult(ChangePasswordStatus.Unavailable, null, "This account cannot be used.", TimeSpan.Zero);
        }

        if (PasswordPolicy.Problem(newPassword) is { } problem)
        {
            return new ChangePasswordResult(ChangePasswordStatus.WeakPassword, null, problem, TimeSpan.Zero);
        }

        // A wrong current password counts and waits like a failed sign-in, or this would be an unthrottled guessing oracle.
        var now = time.GetUtcNow();
        var delay = _failures.DelayAt(now);
        if (Verify(currentPassword) == PasswordVerificationResult.Failed)
        {
            RecordFailure(now);
            return new ChangePasswordResult(ChangePasswordStatus.WrongPassword, null, "The current password is not correct.", delay);
        }

        _failures.Clear();
        if (string.Equals(currentPassword, newPassword, StringComparison.Ordinal))
        {
            return new ChangePasswordResult(ChangePasswordStatus.SameAsCurrent, null, "Choose a password different from the current one.", delay);
        }

        var wasForced = State.MustChangePassword;
        State.PasswordHash = Hasher.HashPassword(State, newPassword);
        State.MustChangePassword = false;
        State.SecurityStamp = NewStamp();
        await account.WriteOrDeactivateAsync(this);
        if (wasForced)
        {
            await PublishAsync();
        }

        return new ChangePasswordResult(ChangePasswordStatus.Changed, Info(), null, delay);
    }

    public async Task<AccountInfo?> ResetPassword(string password, bool mustChangePassword)
    {
        if (PasswordPolicy.Problem(password) is { } problem)
        {
            throw new ArgumentException(problem, nameof(password));
        }

        if (!Exists)
        {
            return null;
        }

        // The admin vouches for whoever gets this password: let them in without the delay strangers caused.
        _failures.Clear();
        var retried = State.MustChangePassword == mustChangePassword && Verify(password) != PasswordVerificationResult.Failed;
        if (retried)
        {
            return Info();
        }

        State.PasswordHash = Hasher.HashPassword(State, password);
        State.MustChangePassword = mustChangePassword;
        State.SecurityStamp = NewStamp();
        await account.WriteOrDeactivateAsync(this);
        await PublishAsync();
        return Info();
    }

    public async Task<AccountInfo?> SetRole(string role)
    {
        RequireKnownRole(role);
        if (!Exists)
        {
            return null;
        }

        if (State.Role != role)
        {
            State.Role = role;
            // Sessions carry the role as a claim: end them so nobody keeps rights they lost.
            State.SecurityStamp = NewStamp();
            await account.WriteOrDeactivateAsync(this);
            await PublishAsync();
        }

        return Info();
    }

    public async Task<AccountInfo?> SetDisabled(bool disabled)
    {
        if (!Exists)
        {
            return null;
        }

        if (State.Disabled != disabled)
        {
            State.Disabled = disabled;
            State.SecurityStamp = NewStamp();
            await account.WriteOrDeactivateAsync(this);
            await PublishAsync();
        }

        return Info();
    }

    public async Task<AccountInfo?> SetTimeZone(string timeZone)
    {
        if (!Zone.TryFind(timeZone, out var zone))
        {
            throw new ArgumentException(Zone.Unknown(timeZone), nameof(timeZone));
        }

        if (!Exists)
        {
            return null;
        }

        if (State.TimeZone != zone.Id)
        {
            State.TimeZone = zone.Id;
            await account.WriteOrDeactivateAsync(this);
        }

        return Info();
    }

    public async Task<AccountInfo?> EndSessions()
    {
        if (!Exists)
        {
            return null;
        }

        State.SecurityStamp = NewStamp();
        await account.WriteOrDeactivateAsync(this);
        return Info();
    }

    private AccountInfo Info() => new(
        State.Email,
        State.DisplayName,
        State.Role,
        State.Disabled,
        State.MustChangePassword,
        State.SecurityStamp,
        State.CreatedAt,
        State.TimeZone);

    /// <summary>
    /// Against the decoy when there is no account, so an unknown email costs the same hashing time as a wrong
    /// password (a decoy match still fails: there is no account to sign in to).
    /// </summary>
    private PasswordVerificationResult Verify(string? password) =>
        // Never run PBKDF2 over arbitrarily long input; no valid password is that long.
        password is null || password.Length > PasswordPolicy.MaxLength
            ? PasswordVerificationResult.Failed
            : Hasher.VerifyHashedPassword(State, Exists ? State.PasswordHash : DecoyHash.Value, password);

    private void RecordFailure(DateTimeOffset now)
    {
        _failures.Record(now);
        // Idle activations are collected; keep this one (and so the count) for as long as a failure counts.
        DelayDeactivation(throttle.Value.Window);
    }

    private Task PublishAsync() => GrainFactory.GetAccountDirectory().Upsert(AccountSummary.From(Info()));

    private static void RequireKnownRole(string role)
    {
        if (!Roles.IsKnown(role))
        {
            throw new ArgumentException($"Unknown role '{role}'; known roles: {string.Join(", ", Roles.All)}.", nameof(role));
        }
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");
}
