using SupplierQuality.Email;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Grains.Tests.Invitations;
using static SupplierQuality.Grains.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Grains.Tests.Campaigns;

/// <summary>
/// An internal evaluator gets one email per campaign listing every supplier to rate, reminders the same way, and no
/// unsubscribe link (docs/adr/0007); the supplier's contacts keep their own emails.
/// </summary>
public sealed class EvaluatorDigestTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private static RecordingMailSender Mail => RecordingMailSender.Instance;

    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    [Fact]
    public async Task An_evaluator_of_three_suppliers_gets_one_invitation_listing_three_links_and_each_contact_still_gets_their_own()
    {
        var (suppliers, eve) = await SuppliersAndEvaluatorAsync(3);

        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, [.. suppliers.Select(s => s.Id)]) with { Evaluators = [new Evaluator("Eve", eve)] });

        var details = await campaign.EventuallyAsync(d => d.Counts.Sent == 6);
        Assert.Equal((6, 6, 0), (details.Counts.Invited, details.Counts.Sent, details.Counts.MailWaiting));
        var digest = Assert.Single(Mail.To(eve));
        var lines = DigestLines(digest);
        Assert.Equal(suppliers.Select(s => s.Name).Order(), lines.Select(l => l.Supplier).Order());
        Assert.All(lines, l => Assert.Equal(("not opened", false), (l.State, l.New)));
        Assert.Equal(3, lines.Select(l => l.Token).Distinct().Count());
        foreach (var line in lines)
        {
            var form = (await Grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(line.Token)).GetFormAsync())!;
            Assert.Equal((RecipientKind.Evaluator, line.Supplier, "Eve"), (form.Kind, form.SupplierName, form.RecipientName));
        }

        Assert.Equal($"Please rate {lines[0].Supplier}, {lines[1].Supplier} and {lines[2].Supplier}", digest.Subject);
        Assert.StartsWith("Dear Eve,\n\nPlease rate each supplier listed below as a supplier to Acme Buying Ltd,", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("Suppliers to rate (3):", digest.TextBody, StringComparison.Ordinal);
        Assert.Equal(EvaluatorDigest.MessageId(EvaluatorDigest.Key(campaign.GetPrimaryKey(), eve), "invite-1"), digest.Id);
        Assert.Null(digest.InvitationId);
        AssertNoUnsubscribe(digest);
        Assert.Contains("If you should not be rating these suppliers, ask ", digest.TextBody, StringComparison.Ordinal);

        foreach (var supplier in suppliers)
        {
            var toContact = Assert.Single(Mail.To(supplier.Contact));
            Assert.StartsWith("https://survey.test/u/", toContact.UnsubscribeUrl, StringComparison.Ordinal);
            Assert.Contains("Unsubscribe: https://survey.test/u/", toContact.TextBody, StringComparison.Ordinal);
            Assert.NotNull(toContact.InvitationId);
            var part = (await Grains.GetSupplierCampaign(campaign.GetPrimaryKey(), supplier.Id).GetAsync())!;
            var evaluatorLine = Assert.Single(part.Invitations, i => i.Kind == RecipientKind.Evaluator);
            Assert.Equal(["invite"], evaluatorLine.Sent);
            Assert.Empty(evaluatorLine.Waiting);
        }
    }

    [Fact]
    public async Task Running_the_steps_again_or_preparing_the_digest_again_sends_nothing_more()
    {
        var (suppliers, eve) = await SuppliersAndEvaluatorAsync(2);
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, [.. suppliers.Select(s => s.Id)]) with { Evaluators = [new Evaluator("Eve", eve)] });
        var digest = Grains.GetEvaluatorDigest(campaign.GetPrimaryKey(), eve);
        var brief = new SupplierCampaignBrief("Supplier survey 2026", "Acme Buying Ltd", Guid.Empty, 1, Now.AddDays(14), "s", "i", [], "es", "ei", EvaluatorDigests: true);

        Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);
        await campaign.RunAsync();
        var prepared = await digest.PrepareAsync(brief, MailPass.Invite, 0);
        var invitation = await Grains.GetSupplierCampaign(campaign.GetPrimaryKey(), suppliers[0].Id).PrepareMailsAsync(brief, MailPass.Invite, 0);
        var added = await digest.AddLinesAsync(campaign.GetPrimaryKey(), invitation.ForDigests);
        await campaign.RunAsync();

        Assert.Empty(prepared);
        Assert.Empty(invitation.ForDigests);
        Assert.False(added.Pending);
        Assert.Single(Mail.To(eve));
        var state = (await digest.GetAsync())!;
        Assert.Equal(2, state.Suppliers.Count);
        Assert.Equal([new EvaluatorDigestMailLine("invite-1", 2, EvaluatorDigestMailStatus.Sent, null)], state.Mails);
    }

    [Fact]
    public async Task A_hand_reminder_goes_to_the_evaluator_in_one_email_with_the_managers_line_listing_only_the_forms_not_submitted()
    {
        var (suppliers, eve) = await SuppliersAndEvaluatorAsync(3);
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, [.. suppliers.Select(s => s.Id)]) with { Evaluators = [new Evaluator("Eve", eve)] });
        var invited = DigestLines(Assert.Single(Mail.To(eve)));
        var (submitted, opened, drafted) = (Form(invited[0].Token), Form(invited[1].Token), Form(invited[2].Token));
        var questionnaire = (await submitted.GetFormAsync())!.Questionnaire;
        Assert.Equal(InvitationOutcome.Ok, (await submitted.SubmitAsync(InvitationSamples.Complete(questionnaire), Guid.NewGuid())).Outcome);
        await opened.GetFormAsync();
        Assert.Equal(InvitationOutcome.Ok, (await drafted.SaveDraftAsync(InvitationSamples.Complete(questionnaire))).Outcome);
        var click = Guid.NewGuid();

        await campaign.RemindNowAsync(click, "We close the books on Friday.");
        await campaign.RunAsync();
        await campaign.RemindNowAsync(click, "We close the books on Friday.");
        await campaign.RunAsync();

        var mails = Mail.To(eve);
        Assert.Equal(2, mails.Count);
        var reminder = mails[1];
        Assert.Equal(
            [(invited[1].Supplier, false, "opened, not answered yet", invited[1].Token), (invited[2].Supplier, false, "in progress (saved, not submitted)", invited[2].Token)],
            DigestLines(reminder));
        Assert.Equal($"Reminder: Please rate {invited[1].Supplier} and {invited[2].Supplier}", reminder.Subject);
        Assert.StartsWith("We close the books on Friday.\n\nDear Eve,", reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains("Still to rate (2 of 3 suppliers):", reminder.TextBody, StringComparison.Ordinal);
        Assert.EndsWith(".nudge-1", reminder.Id, StringComparison.Ordinal);
        AssertNoUnsubscribe(reminder);
        Assert.All(suppliers, s => Assert.Equal(2, Mail.To(s.Contact).Count));
    }

    [Fact]
    public async Task Suppliers_added_to_a_running_campaign_reach_the_evaluator_in_a_second_email_that_marks_them_new()
    {
        var (suppliers, eve) = await SuppliersAndEvaluatorAsync(3);
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, suppliers[0].Id, suppliers[1].Id) with { Evaluators = [new Evaluator("Eve", eve)] });

        Assert.Equal(CommandOutcome.Ok, (await campaign.AddSuppliersAsync([suppliers[2].Id])).Outcome);
        await campaign.RunAsync();

        var mails = Mail.To(eve);
        Assert.Equal(2, mails.Count);
        Assert.EndsWith(".invite-2", mails[1].Id, StringComparison.Ordinal);
        var lines = DigestLines(mails[1]);
        Assert.Equal(DigestLines(mails[0]).Select(l => (l.Supplier, false)).Append((suppliers[2].Name, true)), lines.Select(l => (l.Supplier, l.New)));
        var details = await campaign.EventuallyAsync(d => d.Counts.Sent == 6);
        Assert.Equal((6, 6, 0), (details.Counts.Invited, details.Counts.Sent, details.Counts.MailWaiting));
    }

    [Fact]
    public async Task A_digest_the_mail_service_refuses_marks_each_invitation_it_lists_with_the_problem_and_is_not_tried_again()
    {
        var (suppliers, _) = await SuppliersAndEvaluatorAsync(2);
        var refused = $"eve-{Guid.NewGuid():N}@refused.test";
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, [.. suppliers.Select(s => s.Id)]) with { Evaluators = [new Evaluator("Eve", refused)] });

        await campaign.RunAsync();

        var details = await campaign.EventuallyAsync(d => d.Counts.Refused == 2);
        Assert.Equal((4, 2, 2, 0), (details.Counts.Invited, details.Counts.Sent, details.Counts.Refused, details.Counts.MailWaiting));
        foreach (var supplier in suppliers)
        {
            var line = Assert.Single((await Grains.GetSupplierCampaign(campaign.GetPrimaryKey(), supplier.Id).GetAsync())!.Invitations, i => i.Kind == RecipientKind.Evaluator);
            Assert.Equal(("Not sent: invalid address.", 0, 0), (line.Problem, line.Sent.Count, line.Waiting.Count));
        }

        Assert.Equal(EvaluatorDigestMailStatus.Refused, Assert.Single((await Grains.GetEvaluatorDigest(campaign.GetPrimaryKey(), refused).GetAsync())!.Mails).Status);
    }

    [Fact]
    public async Task A_resend_to_an_evaluator_is_one_email_about_that_supplier_without_an_unsubscribe_link()
    {
        var (suppliers, eve) = await SuppliersAndEvaluatorAsync(1);
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, suppliers[0].Id) with { Evaluators = [new Evaluator("Eve", eve)] });
        var line = (await Grains.GetSupplierCampaign(campaign.GetPrimaryKey(), suppliers[0].Id).GetAsync())!.Invitations.Single(i => i.Kind == RecipientKind.Evaluator);

        Assert.Equal(CommandOutcome.Ok, (await campaign.ResendAsync(suppliers[0].Id, Click(line.InvitationKey))).Outcome);
        await campaign.RunAsync();

        var mails = Mail.To(eve);
        Assert.Equal(2, mails.Count);
        var resend = mails[1];
        Assert.Equal(($"{line.InvitationKey}.resend-1", line.InvitationKey), (resend.Id, resend.InvitationId));
        Assert.Equal(DigestLines(mails[0])[0].Token, TokenOf(resend));
        AssertNoUnsubscribe(resend);
        Assert.Contains($"If you should not be rating {suppliers[0].Name}, ask ", resend.TextBody, StringComparison.Ordinal);
    }

    private IInvitationGrain Form(string token) => Grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(token));

    private static void AssertNoUnsubscribe(MailMessage message)
    {
        Assert.Null(message.UnsubscribeUrl);
        Assert.DoesNotContain("/u/", message.TextBody + message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("unsubscribe", message.TextBody + message.HtmlBody, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Suppliers with one contact each, and an evaluator's address no other test uses.</summary>
    private async Task<(List<(Guid Id, string Name, string Contact)> Suppliers, string Evaluator)> SuppliersAndEvaluatorAsync(int count)
    {
        var suppliers = new List<(Guid, string, string)>();
        for (var i = 0; i < count; i++)
        {
            var id = await SupplierAsync(Grains, "castings", "ana");
            var profile = (await Grains.GetGrain<ISupplierGrain>(id).GetAsync())!;
            suppliers.Add((id, profile.Name, profile.Contacts[0].Email));
        }

        return (suppliers, $"eve-{Guid.NewGuid():N}@buyer.test");
    }
}
