using SupplierQuality.Email.Languages;

namespace SupplierQuality.Email.Tests;

public sealed class LanguageTests
{
    [Theory]
    [InlineData("de", "de")]
    [InlineData(" FR ", "fr")]
    [InlineData("Es", "es")]
    public void A_code_in_any_case_finds_its_language(string code, string expected)
    {
        Assert.True(Language.TryFind(code, out var language));
        Assert.Equal(expected, language.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("it")]
    [InlineData("de-DE")]
    public void A_code_that_is_not_offered_is_not_found(string? code) => Assert.False(Language.TryFind(code, out _));

    [Fact]
    public void The_contacts_language_comes_first_then_the_campaigns_then_english()
    {
        Assert.Equal("fr", Language.FirstOf("fr", "de").Code);
        Assert.Equal("de", Language.FirstOf(null, "de").Code);
        Assert.Equal("de", Language.FirstOf("it", "de").Code);
        Assert.Equal("en", Language.FirstOf(null, null).Code);
    }
}
