using SupplierQuality.Grains.Accounts;

namespace SupplierQuality.Grains.Tests.Accounts;

public sealed class AccountGrainTests(ClusterFixture fixture)
{
    private const string Password = "correct horse battery";
    private const string OtherPassword = "staple gun lighthouse";

    [Fact]
    public async Task Created_account_signs_in_with_its_password()
    {
        var account = await CreateAsync(Roles.QualityManager);

        var result = await account.SignIn(Password);

        Assert.Equal(SignInStatus.Succeeded, result.Status);
        Assert.Equal(Roles.QualityManager, result.Account!.Role);
        Assert.Equal(account.GetPrimaryKeyString(), result.Account.Email);
        Assert.False(result.Account.MustChangePassword);
    }

    [Fact]
    public async Task Wrong_password_fails()
    {
        var account = await CreateAsync(Roles.Executive);

        var result = await account.SignIn("not the password at all");

        Assert.Equal(SignInStatus.Failed, result.Status);
        Assert.Null(result.Account);
    }

    [Fact]
    public async Task Unknown_account_fails_like_a_wrong_password()
    {
        var result = await fixture.Grains.GetAccount(NewEmail()).SignIn(Password);

        Assert.Equal(SignInStatus.Failed, result.Status);
        Assert.Null(await fixture.Grains.GetAccount(NewEmail()).GetInfo());
    }

    [Fact]
    public async Task Disabled_account_cannot_sign_in_until_enabled()
    {
        var account = await CreateAsync(Roles.QualityManager);

        await account.SetDisabled(true);
        var whileDisabled = await account.SignIn(Password);
        await account.SetDisabled(false);
        var afterEnabled = await account.SignIn(Password);

        Assert.Equal(SignInStatus.Disabled, whileDisabled.Status);
        Assert.Null(whileDisabled.Account);
        Assert.Equal(SignInStatus.Succeeded, afterEnabled.Status);
    }

    [Fact]
    public async Task Disabling_changes_the_security_stamp()
    {
        var account = await CreateAsync(Roles.QualityManager);
        var before = (await account.GetInfo())!.SecurityStamp;

        var disabled = await account.SetDisabled(true);

        Assert.True(disabled!.Disabled);
        Assert.NotEqual(before, disabled.SecurityStamp);
    }

    [Fact]
    public async Task Changed_password_replaces_the_old_one()
    {
        var account = await CreateAsync(Roles.QualityManager);
        var before = (await account.GetInfo())!.SecurityStamp;

        var result = await account.ChangePassword(Password, OtherPassword);

        Assert.Equal(ChangePasswordStatus.Changed, result.Status);
        Assert.NotEqual(before, result.Account!.SecurityStamp);
        Assert.Equal(SignInStatus.Failed, (await account.SignIn(Password)).Status);
        Assert.Equal(SignInStatus.Succeeded, (await account.SignIn(OtherPassword)).Status);
    }

    [Fact]
    public async Task Changing_a_one_time_password_clears_the_must_change_flag()
    {
        var account = await CreateAsync(Roles.Admin, mustChangePassword: true);
        Assert.True((await account.SignIn(Password)).Account!.MustChangePassword);

        var result = await account.ChangePassword(Password, OtherPassword);

        Assert.False(result.Account!.MustChangePassword);
        Assert.False((await account.SignIn(OtherPassword)).Account!.MustChangePassword);
    }

    [Theory]
    [InlineData("wrong current pw", OtherPassword, ChangePasswordStatus.WrongPassword)]
    [InlineData(Password, "too short", ChangePasswordStatus.WeakPassword)]
    [InlineData(Password, Password, ChangePasswordStatus.SameAsCurrent)]
    public async Task Change_password_refuses_bad_input_and_keeps_the_old_password(string current, string next, ChangePasswordStatus expected)
    {
        var account = await CreateAsync(Roles.QualityManager);

        var result = await account.ChangePassword(current, next);

        Assert.Equal(expected, result.Status);
        Assert.NotNull(result.Problem);
        Assert.Equal(SignInStatus.Succeeded, (await account.SignIn(Password)).Status);
    }

    [Fact]
    public async Task Creating_twice_changes_nothing_the_second_time()
    {
        var email = NewEmail();
        var account = fixture.Grains.GetAccount(email);
        var first = await account.Create(new NewAccount("First", Roles.Executive, Password, false));

        var second = await account.Create(new NewAccount("Second", Roles.Admin, OtherPassword, true));

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Account, second.Account);
        Assert.Equal(SignInStatus.Succeeded, (await account.SignIn(Password)).Status);
    }

    [Fact]
    public async Task Create_refuses_a_weak_password()
    {
        var account = fixture.Grains.GetAccount(NewEmail());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => account.Create(new NewAccount("", Roles.Executive, "short", false)));

        Assert.Contains($"{PasswordPolicy.MinLength} characters", error.Message, StringComparison.Ordinal);
        Assert.Null(await account.GetInfo());
    }

    [Fact]
    public async Task Create_refuses_an_unknown_role()
    {
        var account = fixture.Grains.GetAccount(NewEmail());

        await Assert.ThrowsAsync<ArgumentException>(() => account.Create(new NewAccount("", "Superuser", Password, false)));
    }

    [Fact]
    public async Task Create_refuses_a_key_that_is_not_a_normalized_email()
    {
        var account = fixture.Grains.GetAccount("Someone@Example.com");

        await Assert.ThrowsAsync<ArgumentException>(() => account.Create(new NewAccount("", Roles.Executive, Password, false)));
    }

    [Fact]
    public async Task Reset_password_gives_a_one_time_password_and_ends_sessions()
    {
        var account = await CreateAsync(Roles.Executive);
        var before = (await account.GetInfo())!.SecurityStamp;

        var reset = await account.ResetPassword(OtherPassword, mustChangePassword: true);

        Assert.True(reset!.MustChangePassword);
        Assert.NotEqual(before, reset.SecurityStamp);
        Assert.Equal(SignInStatus.Failed, (await account.SignIn(Password)).Status);
        Assert.True((await account.SignIn(OtherPassword)).Account!.MustChangePassword);
    }

    [Fact]
    public async Task Repeated_reset_with_the_same_password_changes_nothing()
    {
        var account = await CreateAsync(Roles.Executive);

        var first = await account.ResetPassword(OtherPassword, mustChangePassword: true);
        var second = await account.ResetPassword(OtherPassword, mustChangePassword: true);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Ending_sessions_changes_the_security_stamp_and_nothing_else()
    {
        var account = await CreateAsync(Roles.Admin);
        var before = (await account.GetInfo())!;

        var after = await account.EndSessions();

        Assert.NotEqual(before.SecurityStamp, after!.SecurityStamp);
        Assert.Equal(before with { SecurityStamp = after.SecurityStamp }, after);
        Assert.Equal(SignInStatus.Succeeded, (await account.SignIn(Password)).Status);
        Assert.Null(await fixture.Grains.GetAccount(NewEmail()).EndSessions());
    }

    [Fact]
    public async Task Role_change_ends_sessions_and_setting_the_same_role_does_not()
    {
        var account = await CreateAsync(Roles.Executive);
        var before = (await account.GetInfo())!.SecurityStamp;

        var changed = await account.SetRole(Roles.QualityManager);
        var again = await account.SetRole(Roles.QualityManager);

        Assert.Equal(Roles.QualityManager, changed!.Role);
        Assert.NotEqual(before, changed.SecurityStamp);
        Assert.Equal(changed, again);
    }

    [Fact]
    public async Task Commands_on_a_missing_account_return_null()
    {
        var account = fixture.Grains.GetAccount(NewEmail());

        Assert.Null(await account.SetRole(Roles.Admin));
        Assert.Null(await account.SetDisabled(true));
        Assert.Null(await account.ResetPassword(Password, mustChangePassword: true));
        Assert.Equal(ChangePasswordStatus.Unavailable, (await account.ChangePassword(Password, OtherPassword)).Status);
        Assert.Null(await account.GetInfo());
    }

    [Fact]
    public async Task Directory_lists_accounts_with_their_current_role_and_status()
    {
        var account = await CreateAsync(Roles.Executive, displayName: "Erin Exec");
        await account.SetRole(Roles.Admin);
        await account.SetDisabled(true);

        var listed = (await fixture.Grains.GetAccountDirectory().List()).Single(a => a.Email == account.GetPrimaryKeyString());

        Assert.Equal("Erin Exec", listed.DisplayName);
        Assert.Equal(Roles.Admin, listed.Role);
        Assert.True(listed.Disabled);
    }

    [Fact]
    public async Task A_new_account_has_chosen_no_time_zone_and_its_choice_is_kept_as_the_database_spells_it()
    {
        var account = await CreateAsync(Roles.QualityManager);
        var stamp = (await account.GetInfo())!.SecurityStamp;
        Assert.Null((await account.GetInfo())!.TimeZone);

        var chosen = await account.SetTimeZone("europe/berlin");
        await fixture.Cluster.DeactivateAsync(account);

        Assert.Equal("Europe/Berlin", chosen!.TimeZone);
        Assert.Equal("Europe/Berlin", (await account.GetInfo())!.TimeZone);
        // Choosing a zone is no reason to end the account's other sessions.
        Assert.Equal(stamp, (await account.GetInfo())!.SecurityStamp);
        Assert.Equal("UTC", (await account.SetTimeZone("Etc/UTC"))!.TimeZone);
    }

    [Fact]
    public async Task An_unknown_time_zone_is_refused_and_the_choice_stays()
    {
        var account = await CreateAsync(Roles.Executive);
        await account.SetTimeZone("America/New_York");

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => account.SetTimeZone("Mars/Olympus_Mons"));

        Assert.Contains("'Mars/Olympus_Mons' is not a time zone", refused.Message, StringComparison.Ordinal);
        Assert.Equal("America/New_York", (await account.GetInfo())!.TimeZone);
        Assert.Null(await fixture.Grains.GetAccount(NewEmail()).SetTimeZone("Europe/Berlin"));
    }

    private static string NewEmail() => ClusterFixture.UniqueKey("account") + "@test.local";

    private async Task<IAccountGrain> CreateAsync(string role, bool mustChangePassword = false, string displayName = "")
    {
        var account = fixture.Grains.GetAccount(NewEmail());
        await account.Create(new NewAccount(displayName, role, Password, mustChangePassword));
        return account;
    }
}
