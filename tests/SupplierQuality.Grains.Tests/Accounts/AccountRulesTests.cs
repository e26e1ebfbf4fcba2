using SupplierQuality.Grains.Accounts;

namespace SupplierQuality.Grains.Tests.Accounts;

public sealed class AccountRulesTests
{
    [Theory]
    [InlineData("ann@example.com", "ann@example.com")]
    [InlineData("  Ann.Lee@Example.COM ", "ann.lee@example.com")]
    [InlineData("", null)]
    [InlineData("ann", null)]
    [InlineData("ann@", null)]
    [InlineData("Ann <ann@example.com>", null)]
    [InlineData("ann lee@example.com", null)]
    public void Emails_are_trimmed_and_lower_cased_or_refused(string input, string? expected)
    {
        Assert.Equal(expected, AccountEmail.Normalize(input));
    }

    [Theory]
    [InlineData("", "Enter a password.")]
    [InlineData("eleven-char", "Use at least 12 characters.")]
    [InlineData("            ", "A password cannot be only spaces.")]
    [InlineData("twelve-chars", null)]
    public void Passwords_need_twelve_characters(string password, string? problem)
    {
        Assert.Equal(problem, PasswordPolicy.Problem(password));
    }

    [Fact]
    public void One_time_passwords_meet_the_policy_and_differ()
    {
        var first = PasswordPolicy.GenerateOneTime();

        Assert.Null(PasswordPolicy.Problem(first));
        Assert.NotEqual(first, PasswordPolicy.GenerateOneTime());
    }

    [Fact]
    public void Generated_api_keys_are_well_formed_and_distinct()
    {
        var key = ApiKeyToken.Generate();

        Assert.StartsWith("sq_", key, StringComparison.Ordinal);
        Assert.Equal(46, key.Length);
        Assert.True(ApiKeyToken.IsWellFormed(key));
        Assert.NotEqual(key, ApiKeyToken.Generate());
        Assert.True(ApiKeyToken.IsHash(ApiKeyToken.Hash(key)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sq_")]
    [InlineData("sq_short")]
    [InlineData("xx_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("sq_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa+")]
    [InlineData("sq_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Malformed_api_keys_are_recognised_without_a_lookup(string key)
    {
        Assert.False(ApiKeyToken.IsWellFormed(key));
    }
}
