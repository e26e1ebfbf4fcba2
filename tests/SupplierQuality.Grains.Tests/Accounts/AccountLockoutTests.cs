using SupplierQuality.Grains.Accounts;

namespace SupplierQuality.Grains.Tests.Accounts;

[Collection(SharedClock.Name)]
public sealed class AccountLockoutTests(ClusterFixture fixture)
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Locked_out_after_five_wrong_passwords()
    {
        var account = await CreateAsync();

        var results = new List<SignInStatus>();
        for (var i = 0; i < 5; i++)
        {
            results.Add((await account.SignIn("wrong password " + i)).Status);
        }

        Assert.Equal([SignInStatus.Failed, SignInStatus.Failed, SignInStatus.Failed, SignInStatus.Failed, SignInStatus.LockedOut], results);
    }

    [Fact]
    public async Task Locked_account_refuses_even_the_right_password_until_the_lockout_ends()
    {
        var account = await LockedAccountAsync();

        var locked = await account.SignIn(Password);

        Assert.Equal(SignInStatus.LockedOut, locked.Status);
        Assert.Equal(fixture.Time.GetUtcNow() + PasswordPolicy.LockoutDuration, locked.LockedUntil);
        Assert.Equal(locked.LockedUntil, (await account.GetInfo())!.LockedUntil);
    }

    [Fact]
    public async Task Lockout_ends_after_fifteen_minutes()
    {
        var account = await LockedAccountAsync();

        fixture.Time.Advance(TimeSpan.FromMinutes(14));
        var stillLocked = await account.SignIn(Password);
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        var unlocked = await account.SignIn(Password);

        Assert.Equal(SignInStatus.LockedOut, stillLocked.Status);
        Assert.Equal(SignInStatus.Succeeded, unlocked.Status);
        Assert.Null(unlocked.Account!.LockedUntil);
    }

    [Fact]
    public async Task After_a_lockout_ends_five_more_failures_lock_again()
    {
        var account = await LockedAccountAsync();
        fixture.Time.Advance(PasswordPolicy.LockoutDuration);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(SignInStatus.Failed, (await account.SignIn("wrong again " + i)).Status);
        }

        Assert.Equal(SignInStatus.LockedOut, (await account.SignIn("wrong again 4")).Status);
    }

    [Fact]
    public async Task Wrong_current_passwords_on_change_also_lock_the_account()
    {
        var account = await CreateAsync();

        ChangePasswordResult? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await account.ChangePassword("wrong password " + i, "a brand new password");
        }

        Assert.Equal(ChangePasswordStatus.LockedOut, last!.Status);
        Assert.Equal(SignInStatus.LockedOut, (await account.SignIn(Password)).Status);
    }

    private async Task<IAccountGrain> CreateAsync()
    {
        var account = fixture.Grains.GetAccount(ClusterFixture.UniqueKey("lockout") + "@test.local");
        await account.Create(new NewAccount("", Roles.QualityManager, Password, false));
        return account;
    }

    private async Task<IAccountGrain> LockedAccountAsync()
    {
        var account = await CreateAsync();
        for (var i = 0; i < PasswordPolicy.MaxFailedAttempts; i++)
        {
            await account.SignIn("wrong password " + i);
        }

        return account;
    }
}
