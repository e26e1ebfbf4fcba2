using SupplierQuality.Grains.Accounts;

namespace SupplierQuality.Grains.Tests.Accounts;

/// <summary>The account's delay on password guesses, with the default settings: 3 free failures, then 1 s doubling to 15 s.</summary>
[Collection(SharedClock.Name)]
public sealed class AccountThrottleTests(ClusterFixture fixture)
{
    private const string Password = "correct horse battery";

    private static readonly TimeSpan[] DelaysOfNineWrongPasswords = [.. new[] { 0, 0, 0, 1, 2, 4, 8, 15, 15 }.Select(s => TimeSpan.FromSeconds(s))];

    [Fact]
    public async Task Wrong_passwords_never_lock_the_account_and_the_right_one_still_signs_in()
    {
        var account = await CreateAsync();
        var statuses = new List<SignInStatus>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await account.SignIn("wrong password " + i)).Status);
        }

        var right = await account.SignIn(Password);

        Assert.All(statuses, s => Assert.Equal(SignInStatus.Failed, s));
        Assert.Equal(SignInStatus.Succeeded, right.Status);
        Assert.Equal(TimeSpan.FromSeconds(15), right.Delay);
    }

    [Fact]
    public async Task The_first_three_failures_cost_nothing_then_the_delay_doubles_up_to_fifteen_seconds()
    {
        var account = await CreateAsync();

        var delays = await WrongPasswordDelaysAsync(account, 9);

        Assert.Equal(DelaysOfNineWrongPasswords, delays);
    }

    [Fact]
    public async Task An_unknown_email_is_delayed_exactly_like_a_known_account_and_nothing_is_stored()
    {
        var unknown = fixture.Grains.GetAccount(NewEmail());

        var delays = await WrongPasswordDelaysAsync(unknown, 9);
        var withAnyPassword = await unknown.SignIn(Password);

        Assert.Equal(DelaysOfNineWrongPasswords, delays);
        Assert.Equal((SignInStatus.Failed, TimeSpan.FromSeconds(15)), (withAnyPassword.Status, withAnyPassword.Delay));
        Assert.Null(await unknown.GetInfo());
    }

    [Fact]
    public async Task A_right_password_clears_the_delay()
    {
        var account = await CreateAsync();
        await WrongPasswordDelaysAsync(account, 5);

        var right = await account.SignIn(Password);
        var wrongAgain = await account.SignIn("wrong once more");

        Assert.Equal((SignInStatus.Succeeded, TimeSpan.FromSeconds(4)), (right.Status, right.Delay));
        Assert.Equal(TimeSpan.Zero, wrongAgain.Delay);
    }

    [Fact]
    public async Task Failures_count_for_a_sliding_fifteen_minutes()
    {
        var account = await CreateAsync();
        await WrongPasswordDelaysAsync(account, 3);
        fixture.Time.Advance(TimeSpan.FromMinutes(10));
        var tenMinutesLater = await account.SignIn("wrong after ten minutes");

        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        var afterTheFirstThreeExpired = await account.SignIn(Password);

        Assert.Equal(TimeSpan.FromSeconds(1), tenMinutesLater.Delay);
        Assert.Equal((SignInStatus.Succeeded, TimeSpan.Zero), (afterTheFirstThreeExpired.Status, afterTheFirstThreeExpired.Delay));
    }

    [Fact]
    public async Task Wrong_current_passwords_on_change_count_and_wait_like_failed_sign_ins()
    {
        var account = await CreateAsync();
        var changes = new List<ChangePasswordResult>();
        for (var i = 0; i < 4; i++)
        {
            changes.Add(await account.ChangePassword("wrong password " + i, "a brand new password"));
        }

        var signIn = await account.SignIn(Password);

        Assert.All(changes, c => Assert.Equal(ChangePasswordStatus.WrongPassword, c.Status));
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(1)], changes.Select(c => c.Delay));
        Assert.Equal((SignInStatus.Succeeded, TimeSpan.FromSeconds(2)), (signIn.Status, signIn.Delay));
    }

    [Fact]
    public async Task Reset_password_clears_the_delay()
    {
        var account = await CreateAsync();
        await WrongPasswordDelaysAsync(account, 8);

        await account.ResetPassword("a one-time password", mustChangePassword: true);
        var signIn = await account.SignIn("a one-time password");

        Assert.Equal((SignInStatus.Succeeded, TimeSpan.Zero), (signIn.Status, signIn.Delay));
    }

    private static async Task<List<TimeSpan>> WrongPasswordDelaysAsync(IAccountGrain account, int count)
    {
        var delays = new List<TimeSpan>();
        for (var i = 0; i < count; i++)
        {
            var attempt = await account.SignIn("wrong password " + i);
            Assert.Equal(SignInStatus.Failed, attempt.Status);
            delays.Add(attempt.Delay);
        }

        return delays;
    }

    private static string NewEmail() => ClusterFixture.UniqueKey("throttle") + "@test.local";

    private async Task<IAccountGrain> CreateAsync()
    {
        var account = fixture.Grains.GetAccount(NewEmail());
        await account.Create(new NewAccount("", Roles.QualityManager, Password, false));
        return account;
    }
}
