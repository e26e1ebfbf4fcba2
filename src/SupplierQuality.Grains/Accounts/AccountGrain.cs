using Microsoft.AspNetCore.Identity;

namespace SupplierQuality.Grains.Accounts;

[GrainType("account")]
internal sealed class AccountGrain(
    [PersistentState("account")] IPersistentState<AccountState> account,
    TimeProvider time) : Grain, IAccountGrain
{
    public const int MaxDisplayNameLength = 100;

    private static readonly PasswordHasher<AccountState> Hasher = new();

    // Checked against when there is no account, so an unknown email takes as long as a wrong password.
    private static readonly Lazy<string> DecoyHash = new(() => Hasher.HashPassword(new AccountState(), PasswordPolicy.GenerateOneTime()));

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
        if (!Exists)
        {
            Hasher.VerifyHashedPassword(State, DecoyHash.Value, password ?? "");
            return new SignInAttempt(SignInStatus.Failed, null, null);
        }

        var now = time.GetUtcNow();
        if (LockedUntil(now) is { } lockedUntil)
        {
            return new SignInAttempt(SignInStatus.LockedOut, null, lockedUntil);
        }

        var verdict = Verify(password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var lockedNow = RecordFailure(now);
            await account.WriteOrDeactivateAsync(this);
            return lockedNow is null
                ? new SignInAttempt(SignInStatus.Failed, null, null)
                : new SignInAttempt(SignInStatus.LockedOut, null, lockedNow);
        }

        var changed = State.FailedAttempts != 0 || State.LockoutEnd is not null;
        State.FailedAttempts = 0;
        State.LockoutEnd = null;
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            State.PasswordHash = Hasher.HashPassword(State, password);
            changed = true;
        }

        if (changed)
        {
            await account.WriteOrDeactivateAsync(this);
        }

        return State.Disabled
            ? new SignInAttempt(SignInStatus.Disabled, null, null)
            : new SignInAttempt(SignInStatus.Succeeded, Info(), null);
    }

    public async Task<ChangePasswordResult> ChangePassword(string currentPassword, string newPassword)
    {
        if (!Exists || State.Disabled)
        {
            return new ChangePasswordResult(ChangePasswordStatus.Unavailable, null, "This account cannot be used.");
        }

        var now = time.GetUtcNow();
        if (LockedUntil(now) is not null)
        {
            return new ChangePasswordResult(ChangePasswordStatus.LockedOut, null, "Too many wrong passwords: the account is locked for now.");
        }

        if (PasswordPolicy.Problem(newPassword) is { } problem)
        {
            return new ChangePasswordResult(ChangePasswordStatus.WeakPassword, null, problem);
        }

        // A wrong current password counts towards lockout, or this would be an unlimited guessing oracle.
        if (Verify(currentPassword) == PasswordVerificationResult.Failed)
        {
            var lockedNow = RecordFailure(now);
            await account.WriteOrDeactivateAsync(this);
            return lockedNow is null
                ? new ChangePasswordResult(ChangePasswordStatus.WrongPassword, null, "The current password is not correct.")
                : new ChangePasswordResult(ChangePasswordStatus.LockedOut, null, "Too many wrong passwords: the account is locked for now.");
        }

        if (string.Equals(currentPassword, newPassword, StringComparison.Ordinal))
        {
            return new ChangePasswordResult(ChangePasswordStatus.SameAsCurrent, null, "Choose a password different from the current one.");
        }

        var wasForced = State.MustChangePassword;
        State.PasswordHash = Hasher.HashPassword(State, newPassword);
        State.MustChangePassword = false;
        State.FailedAttempts = 0;
        State.LockoutEnd = null;
        State.SecurityStamp = NewStamp();
        await account.WriteOrDeactivateAsync(this);
        if (wasForced)
        {
            await PublishAsync();
        }

        return new ChangePasswordResult(ChangePasswordStatus.Changed, Info(), null);
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

        var retried = State.MustChangePassword == mustChangePassword && State.FailedAttempts == 0 && State.LockoutEnd is null
            && Verify(password) != PasswordVerificationResult.Failed;
        if (retried)
        {
            return Info();
        }

        State.PasswordHash = Hasher.HashPassword(State, password);
        State.MustChangePassword = mustChangePassword;
        State.FailedAttempts = 0;
        State.LockoutEnd = null;
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

    private AccountInfo Info() => new(
        State.Email,
        State.DisplayName,
        State.Role,
        State.Disabled,
        State.MustChangePassword,
        LockedUntil(time.GetUtcNow()),
        State.SecurityStamp,
        State.CreatedAt);

    private DateTimeOffset? LockedUntil(DateTimeOffset now) => State.LockoutEnd is { } end && end > now ? end : null;

    private PasswordVerificationResult Verify(string? password) =>
        // Never run PBKDF2 over arbitrarily long input; no valid password is that long.
        password is null || password.Length > PasswordPolicy.MaxLength
            ? PasswordVerificationResult.Failed
            : Hasher.VerifyHashedPassword(State, State.PasswordHash, password);

    /// <summary>Counts a wrong password; returns the lockout end when this failure locks the account.</summary>
    private DateTimeOffset? RecordFailure(DateTimeOffset now)
    {
        State.FailedAttempts++;
        if (State.FailedAttempts < PasswordPolicy.MaxFailedAttempts)
        {
            return null;
        }

        State.FailedAttempts = 0;
        State.LockoutEnd = now + PasswordPolicy.LockoutDuration;
        return State.LockoutEnd;
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
