using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Mail;
using SupplierQuality.Grains.Suppliers;
using static SupplierQuality.Grains.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Grains.Tests.Campaigns;

public sealed class CampaignGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private static RecordingMailSender Mail => RecordingMailSender.Instance;

    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    [Fact]
    public async Task A_bad_definition_is_invalid_with_a_message_per_field_and_nothing_is_created()
    {
        var definition = await DefinitionAsync(Grains, Now, Guid.NewGuid()) with
        {
            Name = " ",
            Subject = "Hello {{supplier}}",
            Deadline = Now.AddMinutes(10),
            ReminderDays = [],
            Evaluators = [new Evaluator("Eve", "not-an-email")],
            QuestionnaireVersion = 9,
        };
        var campaign = Grains.GetGrain<ICampaignGrain>(Guid.NewGuid());

        var result = await campaign.CreateAsync(definition);

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Equal(["deadline", "evaluators[0].email", "name", "questionnaire", "subject"], result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Null(await campaign.GetAsync());
    }

    [Fact]
    public async Task Creating_the_same_campaign_twice_changes_nothing_and_other_details_conflict()
    {
        var definition = await DefinitionAsync(Grains, Now, Guid.NewGuid());
        var campaign = Grains.GetGrain<ICampaignGrain>(Guid.NewGuid());

        Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(definition)).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await campaign.CreateAsync(definition with { Name = "  Supplier survey 2026 " })).Outcome);
        Assert.Equal(CommandOutcome.Conflict, (await campaign.CreateAsync(definition with { Name = "Other" })).Outcome);
        Assert.Equal(CampaignStatus.Draft, (await campaign.GetAsync())!.Status);
    }

    [Fact]
    public async Task Launch_invites_every_contact_and_evaluator_of_every_supplier_once()
    {
        var first = await SupplierAsync(Grains, "castings", "ana", "ben");
        var second = await SupplierAsync(Grains, "castings", "cleo");
        var third = await SupplierAsync(Grains, "castings", "dan");
        var evaluator = $"eve-{Guid.NewGuid():N}@buyer.test";
        var definition = await DefinitionAsync(Grains, Now, first, second, third) with { Evaluators = [new Evaluator("Eve", evaluator)] };

        var campaign = await LaunchAsync(Grains, definition);

        var details = await campaign.EventuallyAsync(d => d.Counts.Sent == 7);
        Assert.Equal(CampaignStatus.Open, details.Status);
        Assert.Equal((7, 7, 3, 0), (details.Counts.Invited, details.Counts.Sent, details.Counts.SuppliersTargeted, details.Counts.MailWaiting));
        Assert.Null(details.Work);
        // The evaluator's invitations go in one email, a link per supplier (docs/adr/0007).
        var toEvaluator = Assert.Single(Mail.To(evaluator));
        Assert.Equal(3, DigestLines(toEvaluator).Select(l => l.Token).Distinct().Count());
        var supplier = (await Grains.GetGrain<ISupplierGrain>(first).GetAsync())!;
        var toAna = Assert.Single(Mail.To(supplier.Contacts[0].Email));
        Assert.Equal($"How did {supplier.Name} do, ana?", toAna.Subject);
        Assert.StartsWith("https://survey.test/u/", toAna.UnsubscribeUrl, StringComparison.Ordinal);
        Assert.Contains("https://survey.test/s/" + TokenOf(toAna), toAna.TextBody, StringComparison.Ordinal);
        var form = (await Grains.InvitationOf(toAna).GetFormAsync())!;
        Assert.Equal(("Supplier survey 2026", "Acme Buying Ltd", "ana"), (form.CampaignName, form.BuyerName, form.RecipientName));
    }

    [Fact]
    public async Task Launching_or_running_again_sends_nothing_more()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana");
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, supplier));
        var email = (await Grains.GetGrain<ISupplierGrain>(supplier).GetAsync())!.Contacts[0].Email;

        Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);
        await campaign.RunAsync();
        await Grains.GetSupplierCampaign(campaign.GetPrimaryKey(), supplier).PrepareMailAsync(
            new SupplierCampaignBrief("Supplier survey 2026", "Acme Buying Ltd", Guid.Empty, 1, Now.AddDays(14), "s", "i", [], "es", "ei"), MailPass.Invite, 0);

        Assert.Single(Mail.To(email));
    }

    [Fact]
    public async Task The_all_active_audience_leaves_out_inactive_suppliers_and_the_category_audience_other_categories()
    {
        var category = $"cat-{Guid.NewGuid():N}";
        var active = await SupplierAsync(Grains, category, "ana");
        var inactive = await SupplierAsync(Grains, category, "ben");
        var elsewhere = await SupplierAsync(Grains, "other-" + category, "cleo");
        var grain = Grains.GetGrain<ISupplierGrain>(inactive);
        var profile = (await grain.GetAsync())!;
        await grain.UpdateAsync(new UpdateSupplier(profile.Version, new SupplierProfile(profile.Name, profile.Category, null, SupplierStatus.Inactive, profile.Contacts)));
        var definition = await DefinitionAsync(Grains, Now) with { Audience = AudienceKind.Category, Category = category };

        var campaign = await LaunchAsync(Grains, definition);

        var targets = await campaign.GetSuppliersAsync(nonRespondersOnly: false, 0, 100);
        Assert.Equal([active], targets.Items.Select(p => p.SupplierId));
        Assert.DoesNotContain(elsewhere, targets.Items.Select(p => p.SupplierId));
    }

    [Fact]
    public async Task Launching_now_to_a_category_without_active_suppliers_is_refused_and_stays_a_draft()
    {
        var definition = await DefinitionAsync(Grains, Now) with { Audience = AudienceKind.Category, Category = $"empty-{Guid.NewGuid():N}" };
        var campaign = Grains.GetGrain<ICampaignGrain>(Guid.NewGuid());
        await campaign.CreateAsync(definition);

        var launched = await campaign.LaunchAsync();

        Assert.Equal(CommandOutcome.Invalid, launched.Outcome);
        Assert.Equal(["No active supplier matches this audience."], launched.Errors["category"]);
        Assert.Equal(CampaignStatus.Draft, (await campaign.GetAsync())!.Status);
        Assert.Equal(CommandOutcome.Conflict, (await campaign.CloseAsync()).Outcome);
    }

    [Fact]
    public async Task A_submitted_response_reaches_the_supplier_aggregate_and_the_campaign_counters()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana", "ben");
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, supplier));
        var contacts = (await Grains.GetGrain<ISupplierGrain>(supplier).GetAsync())!.Contacts;
        var invitation = Grains.InvitationOf(Assert.Single(Mail.To(contacts[0].Email)));
        var form = (await invitation.GetFormAsync())!;

        var submitted = await invitation.SubmitAsync(Invitations.InvitationSamples.Complete(form.Questionnaire), Guid.NewGuid());

        Assert.Equal(InvitationOutcome.Ok, submitted.Outcome);
        var details = await campaign.EventuallyAsync(d => d.Counts.Submitted == 1);
        Assert.Equal((2, 1, 1, 1), (details.Counts.Invited, details.Counts.Opened, details.Counts.Submitted, details.Counts.SuppliersResponded));
        Assert.Equal(0.5m, details.Counts.ResponseRate);
        var part = (await Grains.GetSupplierCampaign(campaign.GetPrimaryKey(), supplier).GetAsync())!;
        var selfAssessment = Assert.Single(part.Groups, g => g.Result.Group == RecipientKind.Contact).Result;
        Assert.Equal(1, selfAssessment.Responses);
        Assert.Equal((double)submitted.Response!.Scores.Overall!.Value, selfAssessment.Mean!.Value, 9);
        Assert.Equal(1, selfAssessment.NpsAnswers);
        var nonResponders = await campaign.GetSuppliersAsync(nonRespondersOnly: true, 0, 10);
        Assert.Equal(0, nonResponders.Total);
    }

    [Fact]
    public async Task A_refused_address_is_not_sent_again_and_shows_why()
    {
        var supplier = Guid.NewGuid();
        await Grains.GetGrain<ISupplierGrain>(supplier).CreateAsync(new CreateSupplier(new SupplierProfile(
            "Refusing Ltd", "castings", null, SupplierStatus.Active, [new SupplierContact("Rae", $"rae-{supplier:N}@refused.test")])));

        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, supplier));
        await campaign.RunAsync();

        var part = (await Grains.GetSupplierCampaign(campaign.GetPrimaryKey(), supplier).GetAsync())!;
        var line = Assert.Single(part.Invitations);
        Assert.Empty(line.Sent);
        Assert.Empty(line.Waiting);
        Assert.Contains("invalid address", line.Problem, StringComparison.Ordinal);
        Assert.Equal((1, 0), ((await campaign.EventuallyAsync(d => d.Counts.Refused == 1)).Counts.Refused, (await campaign.GetAsync())!.Counts.Bounced));
    }

    [Fact]
    public async Task A_suppressed_address_gets_no_invitation_mail()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana");
        var email = (await Grains.GetGrain<ISupplierGrain>(supplier).GetAsync())!.Contacts[0].Email;
        await Grains.GetMailSuppression(email).SuppressAsync("unsubscribed");

        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, supplier));

        Assert.Empty(Mail.To(email));
        var line = Assert.Single((await Grains.GetSupplierCampaign(campaign.GetPrimaryKey(), supplier).GetAsync())!.Invitations);
        Assert.Contains("unsubscribed", line.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_command_answers_the_campaign_as_it_left_it_so_nobody_reads_it_again()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana");
        var campaign = Grains.GetGrain<ICampaignGrain>(Guid.NewGuid());
        var definition = await DefinitionAsync(Grains, Now, supplier);

        var created = await campaign.CreateAsync(definition);
        var launched = await campaign.LaunchAsync();
        await campaign.RunAsync();
        var email = (await Grains.GetGrain<ISupplierGrain>(supplier).GetAsync())!.Contacts[0].Email;
        var resent = await campaign.ResendAsync(supplier, Click(Grains.InvitationOf(Assert.Single(Mail.To(email))).GetPrimaryKeyString()));
        var closed = await campaign.CloseAsync();
        var refused = await campaign.ExtendDeadlineAsync(Now.AddDays(30));

        Assert.Equal((CommandOutcome.Created, CampaignStatus.Draft, definition.Name), (created.Outcome, created.Value!.Status, created.Value.Definition.Name));
        Assert.Equal((CampaignStatus.Open, 1), (launched.Value!.Status, launched.Value.Counts.SuppliersTargeted));
        Assert.Equal((supplier, 1), (resent.Value!.SupplierId, resent.Value.Invitations.Count(i => i.Waiting.Any(p => p.StartsWith("resend-", StringComparison.Ordinal)))));
        Assert.Equal((CampaignStatus.Closed, (await campaign.GetAsync())!.ClosedAt), (closed.Value!.Status, closed.Value.ClosedAt));
        Assert.Equal((CommandOutcome.Conflict, null), (refused.Outcome, refused.Value));
    }

    [Fact]
    public async Task A_resend_sends_the_same_link_again_once()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana");
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, supplier));
        var email = (await Grains.GetGrain<ISupplierGrain>(supplier).GetAsync())!.Contacts[0].Email;
        var first = Assert.Single(Mail.To(email));

        Assert.Equal(CommandOutcome.Ok, (await campaign.ResendAsync(supplier, Click(Grains.InvitationOf(first).GetPrimaryKeyString()))).Outcome);
        await campaign.RunAsync();
        await campaign.RunAsync();

        var both = Mail.To(email);
        Assert.Equal(2, both.Count);
        Assert.Equal(TokenOf(first), TokenOf(both[1]));
        Assert.NotEqual(first.Id, both[1].Id);
        Assert.Equal(CommandOutcome.NotFound, (await campaign.ResendAsync(supplier, Click(new string('0', 64)))).Outcome);
    }

    [Fact]
    public async Task Suppliers_added_while_open_are_invited_and_known_ones_are_not_invited_twice()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana");
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, supplier));
        var added = await SupplierAsync(Grains, "castings", "ben");

        Assert.Equal(CommandOutcome.Ok, (await campaign.AddSuppliersAsync([supplier, added])).Outcome);
        await campaign.RunAsync();

        var details = await campaign.EventuallyAsync(d => d.Counts.Sent == 2);
        Assert.Equal((2, 2), (details.Counts.SuppliersTargeted, details.Counts.Sent));
        Assert.Single(Mail.To((await Grains.GetGrain<ISupplierGrain>(supplier).GetAsync())!.Contacts[0].Email));
    }

    [Fact]
    public async Task Cancelling_closes_every_form_and_sends_nothing_more()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana");
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, supplier));
        var email = (await Grains.GetGrain<ISupplierGrain>(supplier).GetAsync())!.Contacts[0].Email;

        Assert.Equal(CommandOutcome.Ok, (await campaign.CancelAsync()).Outcome);
        await campaign.RunAsync();

        Assert.Equal(CampaignStatus.Cancelled, (await campaign.GetAsync())!.Status);
        var form = (await Grains.InvitationOf(Assert.Single(Mail.To(email))).GetFormAsync())!;
        Assert.True(form.IsClosed);
        Assert.Equal(CommandOutcome.Conflict, (await campaign.ResendAsync(supplier, Click(Grains.InvitationOf(Mail.To(email)[0]).GetPrimaryKeyString()))).Outcome);
        Assert.Equal(CommandOutcome.Conflict, (await campaign.ExtendDeadlineAsync(Now.AddDays(30))).Outcome);
    }

    [Fact]
    public async Task Closing_early_keeps_every_count_of_what_happened_and_tells_the_form_why()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana", "ben");
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, supplier));
        var contacts = (await Grains.GetGrain<ISupplierGrain>(supplier).GetAsync())!.Contacts;
        var opened = Grains.InvitationOf(Assert.Single(Mail.To(contacts[0].Email)));
        var drafted = Grains.InvitationOf(Assert.Single(Mail.To(contacts[1].Email)));
        await opened.GetFormAsync();
        var form = (await drafted.GetFormAsync())!;
        await drafted.SaveDraftAsync(Invitations.InvitationSamples.Complete(form.Questionnaire));
        var before = (await campaign.EventuallyAsync(d => d.Counts.Started == 1)).Counts;

        Assert.Equal(CommandOutcome.Ok, (await campaign.CloseAsync()).Outcome);
        await campaign.RunAsync();

        var after = (await campaign.EventuallyAsync(d => d.Status == CampaignStatus.Closed)).Counts;
        Assert.Equal((2, 1), (before.Opened, before.Started));
        Assert.Equal((2, 1), (after.Opened, after.Started));
        Assert.Equal(InvitationEnding.ClosedEarly, (await opened.GetFormAsync())!.Ending);
    }

    [Fact]
    public async Task Extending_the_deadline_moves_every_invitation()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana", "ben");
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, supplier));
        var later = Now.AddDays(21);

        Assert.Equal(CommandOutcome.Invalid, (await campaign.ExtendDeadlineAsync(Now.AddDays(2))).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await campaign.ExtendDeadlineAsync(later)).Outcome);
        await campaign.RunAsync();

        Assert.Equal(later, (await campaign.GetAsync())!.Definition.Deadline);
        foreach (var contact in (await Grains.GetGrain<ISupplierGrain>(supplier).GetAsync())!.Contacts)
        {
            Assert.Equal(later, (await Grains.InvitationOf(Assert.Single(Mail.To(contact.Email))).GetFormAsync())!.Deadline);
        }
    }

    [Fact]
    public async Task A_campaign_reads_back_whole_after_deactivation()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana");
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, supplier));
        var before = await campaign.EventuallyAsync(d => d.Counts.Sent == 1);

        await fixture.Cluster.DeactivateAsync(campaign);
        await fixture.Cluster.DeactivateAsync(Grains.GetSupplierCampaign(campaign.GetPrimaryKey(), supplier));

        var after = (await campaign.GetAsync())!;
        Assert.Equal(before.Definition, after.Definition);
        Assert.Equal(before.Counts, after.Counts);
        Assert.Contains(before.Id, (await Grains.GetGrain<ICampaignDirectoryGrain>(0).ListAsync()).Select(c => c.Id));
    }
}
