using SupplierQuality.Grains.Invitations;

namespace SupplierQuality.Grains.Tests.Invitations;

public sealed class InvitationTokenTests
{
    [Fact]
    public void A_new_token_is_192_random_bits_in_base64url_without_padding()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => InvitationToken.New()).ToList();

        Assert.All(tokens, t => Assert.Matches("^[A-Za-z0-9_-]{32}$", t));
        Assert.Equal(100, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.All(tokens, t => Assert.True(InvitationToken.TryParse(t, out _)));
    }

    [Fact]
    public void The_hash_is_the_sha256_of_the_token_in_lower_case_hex()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", InvitationToken.Hash("abc"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("%%%")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/")]
    public void Malformed_tokens_are_refused_before_any_lookup(string? value)
    {
        Assert.False(InvitationToken.TryParse(value, out _));
    }
}
