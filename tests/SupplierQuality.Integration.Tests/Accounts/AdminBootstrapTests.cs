using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Integration.Tests.Accounts;

[Collection(AccountsNode.Collection)]
public sealed class AdminBootstrapTests(AccountsNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private IGrainFactory Grains => fixture.Node.Grains;

    [Fact]
    public async Task Configured_initial_admin_exists_after_start()
    {
        var admin = await Grains.GetAccount(TestNode.AdminEmail).GetInfo();

        Assert.Equal((Roles.Admin, false, false), (admin!.Role, admin.Disabled, admin.MustChangePassword));
    }

    [Fact]
    public async Task Ensuring_the_initial_admin_again_keeps_the_password_it_has_since_changed()
    {
        var email = NewEmail();
        await AdminBootstrap.EnsureAdminAsync(Grains, email, "Configured-password-1", mustChangePassword: false, Cancel);
        await Grains.GetAccount(email).ChangePassword("Configured-password-1", "Changed-password-22");

        var createdAgain = await AdminBootstrap.EnsureAdminAsync(Grains, email, "Configured-password-1", mustChangePassword: false, Cancel);

        Assert.False(createdAgain);
        Assert.Equal(SignInStatus.Succeeded, (await Grains.GetAccount(email).SignIn("Changed-password-22")).Status);
    }

    [Fact]
    public async Task Create_admin_without_a_password_makes_a_one_time_password()
    {
        var email = NewEmail();

        var result = await AdminBootstrap.CreateAdminAsync(Grains, email, password: null, Cancel);

        Assert.True(result.Created);
        var signIn = await Grains.GetAccount(email).SignIn(result.Password);
        Assert.Equal((Roles.Admin, true), (signIn.Account!.Role, signIn.Account.MustChangePassword));
    }

    [Fact]
    public async Task Create_admin_on_an_existing_account_makes_it_an_enabled_admin_with_the_new_password()
    {
        var account = await fixture.Node.CreateAccountAsync(Roles.Executive);
        await Grains.GetAccount(account.Email).SetDisabled(true);

        var result = await AdminBootstrap.CreateAdminAsync(Grains, account.Email, "Recovered-password-1", Cancel);

        Assert.False(result.Created);
        var signIn = await Grains.GetAccount(account.Email).SignIn("Recovered-password-1");
        Assert.Equal((SignInStatus.Succeeded, Roles.Admin, false), (signIn.Status, signIn.Account!.Role, signIn.Account.MustChangePassword));
    }

    [Theory]
    [InlineData("not an email", "Long-enough-password", "is not an email address")]
    [InlineData("someone@test.local", "short", "The password is too weak: Use at least 12 characters.")]
    public async Task Create_admin_refuses_a_bad_email_or_a_weak_password(string email, string password, string message)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => AdminBootstrap.CreateAdminAsync(Grains, email, password, Cancel));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static string NewEmail() => $"admin-{Guid.NewGuid():N}@test.local";
}
