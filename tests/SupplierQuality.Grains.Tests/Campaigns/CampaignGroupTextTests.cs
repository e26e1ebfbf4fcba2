using System.Text.RegularExpressions;
using SupplierQuality.Email.Templates;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Suppliers;
using static SupplierQuality.Grains.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Grains.Tests.Campaigns;

/// <summary>
/// Each respondent group gets its own email, reminder and form: a supplier's contact is asked how working with the buyer
/// goes, an internal evaluator is asked to rate the supplier named. These tests move the shared clock (reminders).
/// </summary>
[Collection(SharedClock.Name)]
public sealed partial class CampaignGroupTextTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private static RecordingMailSender Mail => RecordingMailSender.Instance;

    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    [Fact]
    public async Task An_evaluators_invitation_names_the_supplier_to_rate_and_a_contacts_does_not_say_rate()
    {
        var (supplier, name, ana, evaluator) = await SupplierAndEvaluatorAsync();

        await LaunchAsync(Grains, await DefaultTextsAsync(supplier, evaluator));

        var toEvaluator = Assert.Single(Mail.To(evaluator));
        Assert.Equal($"Please rate {name}", toEvaluator.Subject);
        Assert.StartsWith($"Dear Eve,\n\nPlease rate {name} as a supplier to Acme Buying Ltd,", toEvaluator.TextBody, StringComparison.Ordinal);
        var toAna = Assert.Single(Mail.To(ana));
        Assert.Equal("How is working with Acme Buying Ltd going?", toAna.Subject);
        Assert.StartsWith($"Dear ana,\n\nHow is working with Acme Buying Ltd going for {name}?", toAna.TextBody, StringComparison.Ordinal);
        Assert.DoesNotMatch(Rate(), toAna.Subject + toAna.TextBody + toAna.HtmlBody);
    }

    [Fact]
    public async Task Each_invitation_knows_its_group_the_supplier_and_the_intro_its_form_shows()
    {
        var (supplier, name, ana, evaluator) = await SupplierAndEvaluatorAsync();

        await LaunchAsync(Grains, await DefaultTextsAsync(supplier, evaluator));

        var evaluatorForm = (await Grains.InvitationOf(Mail.To(evaluator)[0]).GetFormAsync())!;
        Assert.Equal((RecipientKind.Evaluator, name, SurveyTexts.EvaluatorIntro), (evaluatorForm.Kind, evaluatorForm.SupplierName, evaluatorForm.Intro));
        var token = TokenOf(Mail.To(evaluator)[0]);
        var html = evaluatorForm.IntroHtml("https://survey.test/", token);
        Assert.StartsWith($"<p>Dear Eve,</p>\n<p>Please rate {name} as a supplier to Acme Buying Ltd,", html, StringComparison.Ordinal);
        var contactForm = (await Grains.InvitationOf(Mail.To(ana)[0]).GetFormAsync())!;
        Assert.Equal((RecipientKind.Contact, name, SurveyTexts.ContactIntro), (contactForm.Kind, contactForm.SupplierName, contactForm.Intro));
    }

    [Fact]
    public async Task Reminders_speak_to_each_group_in_its_own_words()
    {
        var (supplier, name, ana, evaluator) = await SupplierAndEvaluatorAsync();
        var campaign = await LaunchAsync(Grains, await DefaultTextsAsync(supplier, evaluator) with { ReminderDays = [3] });

        fixture.Time.Advance(TimeSpan.FromDays(3));
        await campaign.RunAsync();
        await campaign.RunAsync();

        Assert.Equal(["Please rate " + name, "Reminder: Please rate " + name], Mail.To(evaluator).Select(m => m.Subject));
        Assert.Equal(
            ["How is working with Acme Buying Ltd going?", "Reminder: How is working with Acme Buying Ltd going?"],
            Mail.To(ana).Select(m => m.Subject));
        Assert.Contains($"Please rate {name} as a supplier", Mail.To(evaluator)[1].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_evaluator_texts_are_refused_with_their_own_field_errors()
    {
        var definition = await DefinitionAsync(Grains, Now, Guid.NewGuid()) with
        {
            EvaluatorSubject = "Please rate our supplier",
            EvaluatorIntro = "Dear {{name}}, rate {{supplier_name}}.",
        };
        var campaign = Grains.GetGrain<ICampaignGrain>(Guid.NewGuid());

        var result = await campaign.CreateAsync(definition);

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Equal(["evaluatorIntro", "evaluatorSubject"], result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("{{name}} is not a known placeholder. Use one of {{supplier_name}}", Assert.Single(result.Errors["evaluatorIntro"]), StringComparison.Ordinal);
        Assert.StartsWith("Name the supplier in the evaluators' subject with {{supplier_name}}", Assert.Single(result.Errors["evaluatorSubject"]), StringComparison.Ordinal);
        Assert.Null(await campaign.GetAsync());
    }

    [Fact]
    public async Task A_definition_without_evaluator_texts_gets_the_default_ones()
    {
        var campaign = Grains.GetGrain<ICampaignGrain>(Guid.NewGuid());
        var definition = await DefinitionAsync(Grains, Now, Guid.NewGuid());

        Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(definition with { EvaluatorSubject = null!, EvaluatorIntro = null! })).Outcome);

        var stored = (await campaign.GetAsync())!.Definition;
        Assert.Equal((definition.Subject, definition.Intro), (stored.Subject, stored.Intro));
        Assert.Equal((SurveyTexts.EvaluatorSubject, SurveyTexts.EvaluatorIntro), (stored.EvaluatorSubject, stored.EvaluatorIntro));
    }

    [Fact]
    public void A_campaign_stored_before_evaluators_had_their_own_texts_keeps_its_texts_for_contacts_and_the_defaults_for_evaluators()
    {
        var old = new CampaignState { Name = "Survey 2025", Subject = "How did we do, {{contact_name}}?", Intro = "Please tell us.", BuyerName = "Acme" };

        var definition = old.Definition();
        var brief = old.Brief();

        Assert.Equal(("How did we do, {{contact_name}}?", "Please tell us."), (definition.Subject, definition.Intro));
        Assert.Equal((SurveyTexts.EvaluatorSubject, SurveyTexts.EvaluatorIntro), (definition.EvaluatorSubject, definition.EvaluatorIntro));
        Assert.Equal(("How did we do, {{contact_name}}?", "Please tell us."), brief.TextsFor(RecipientKind.Contact));
        Assert.Equal((SurveyTexts.EvaluatorSubject, SurveyTexts.EvaluatorIntro), brief.TextsFor(RecipientKind.Evaluator));
    }

    private async Task<(Guid Supplier, string Name, string Contact, string Evaluator)> SupplierAndEvaluatorAsync()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana");
        var profile = (await Grains.GetGrain<ISupplierGrain>(supplier).GetAsync())!;
        return (supplier, profile.Name, profile.Contacts[0].Email, $"eve-{Guid.NewGuid():N}@buyer.test");
    }

    private async Task<CampaignDefinition> DefaultTextsAsync(Guid supplier, string evaluator) =>
        await DefinitionAsync(Grains, Now, supplier) with
        {
            Subject = SurveyTexts.ContactSubject,
            Intro = SurveyTexts.ContactIntro,
            EvaluatorSubject = SurveyTexts.EvaluatorSubject,
            EvaluatorIntro = SurveyTexts.EvaluatorIntro,
            Evaluators = [new Evaluator("Eve", evaluator)],
        };

    [GeneratedRegex(@"\brat(e|es|ed|ing)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Rate();
}
