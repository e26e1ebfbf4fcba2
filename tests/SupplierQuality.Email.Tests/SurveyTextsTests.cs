using System.Text.RegularExpressions;
using SupplierQuality.Email.Templates;

namespace SupplierQuality.Email.Tests;

/// <summary>The default email of each respondent group, rendered as a recipient gets it.</summary>
public sealed partial class SurveyTextsTests
{
    private static MailTemplateValues Values(string recipient) => new(
        SupplierName: "Northwind Castings",
        ContactName: recipient,
        Deadline: "31 March 2030, 17:00 UTC",
        Link: "https://sq.example/s/abc",
        UnsubscribeLink: "https://sq.example/u/abc",
        BuyerName: "Acme Buying Ltd");

    [Fact]
    public void A_contact_is_asked_how_working_with_the_buyer_goes_and_never_to_rate()
    {
        var email = SurveyEmail.Render(SurveyTexts.ContactSubject, SurveyTexts.ContactIntro, Values("Ana Silva"), "Acme Buying Ltd");

        Assert.Equal("How is working with Acme Buying Ltd going?", email.Subject);
        Assert.StartsWith("Dear Ana Silva,\n\nHow is working with Acme Buying Ltd going for Northwind Castings?", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>How is working with Acme Buying Ltd going for Northwind Castings?", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotMatch(Rate(), email.Subject + email.TextBody + email.HtmlBody);
    }

    [Fact]
    public void An_evaluator_is_asked_to_rate_the_supplier_named_in_the_subject_and_the_text()
    {
        var email = SurveyEmail.Render(SurveyTexts.EvaluatorSubject, SurveyTexts.EvaluatorIntro, Values("Eve Evaluator"), "Acme Buying Ltd");

        Assert.Equal("Please rate Northwind Castings", email.Subject);
        Assert.StartsWith("Dear Eve Evaluator,\n\nPlease rate Northwind Castings as a supplier to Acme Buying Ltd,", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>Please rate Northwind Castings as a supplier to Acme Buying Ltd,", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Open the survey: https://sq.example/s/abc", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_texts_use_only_known_placeholders_and_the_evaluators_subject_names_the_supplier()
    {
        Assert.All([SurveyTexts.ContactSubject, SurveyTexts.ContactIntro, SurveyTexts.EvaluatorSubject, SurveyTexts.EvaluatorIntro], text => Assert.Empty(MailTemplate.Validate(text)));
        Assert.True(MailTemplate.Uses(SurveyTexts.EvaluatorSubject, MailTemplate.SupplierName));
        Assert.True(MailTemplate.Uses(SurveyTexts.ContactSubject, MailTemplate.BuyerName));
    }

    [Fact]
    public void A_placeholder_counts_as_used_in_any_case_and_spacing_but_not_misspelt()
    {
        Assert.True(MailTemplate.Uses("Rate {{ Supplier_Name }}", MailTemplate.SupplierName));
        Assert.False(MailTemplate.Uses("Rate {{supplier}}", MailTemplate.SupplierName));
        Assert.False(MailTemplate.Uses("Rate {{supplier_name", MailTemplate.SupplierName));
        Assert.False(MailTemplate.Uses(null, MailTemplate.SupplierName));
    }

    [GeneratedRegex(@"\brat(e|es|ed|ing)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Rate();
}
