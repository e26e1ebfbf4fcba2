using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using SupplierQuality.Email.Tests.SendGridServer;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Organisation;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Mail;
using static SupplierQuality.Integration.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Integration.Tests.Campaigns;

/// <summary>
/// An evaluator's digest in production form (docs/adr/0007): PostgreSQL, the real SendGrid SDK against the loopback
/// SendGrid refusing the digest's first request for longer than the sender's retry budget, the campaign driven by its
/// own reminders over several steps, a restart, and the signed event webhook.
/// </summary>
public sealed class EvaluatorDigestDeliveryTests(PostgresServer postgres)
{
    /// <summary>The sender's retry budget here: three requests (no backoff), then the mail waits for the campaign.</summary>
    private const int Attempts = 3;

    private const string Eve = "eve@buyer.test";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_evaluator_gets_one_digest_once_through_a_SendGrid_outage_and_a_restart_a_reminder_of_the_rest_and_its_events_reach_every_invitation()
    {
        postgres.RequireAvailable();
        await using var sendGrid = await SendGridLoopbackServer.StartAsync();
        using var webhookKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = null,
            ["ConnectionStrings:SupplierQuality"] = await postgres.CreateDatabaseAsync(),
            ["Mail:Sender"] = "SendGrid",
            ["SendGrid:ApiKey"] = sendGrid.ApiKey,
            ["SendGrid:BaseUrl"] = sendGrid.BaseUrl.ToString(),
            ["SendGrid:FromEmail"] = "surveys@buyer.test",
            ["SendGrid:MaxAttempts"] = Attempts.ToString(CultureInfo.InvariantCulture),
            ["SendGrid:InitialBackoff"] = "00:00:00",
            ["SendGrid:WebhookPublicKey"] = Convert.ToBase64String(webhookKey.ExportSubjectPublicKeyInfo()),
            ["Campaigns:TickPeriod"] = "00:00:01",
            // One supplier a batch, two at once: the invite pass takes two steps before the digest goes.
            ["Campaigns:BatchSize"] = "1",
            ["Campaigns:BatchesInFlight"] = "2",
        };
        var campaignId = Guid.NewGuid();
        List<Guid> suppliers;
        List<string> contacts;
        QuestionnaireVersion version;

        // Three contacts' invitations go as usual; the digest's first request, and the sender's retries of it, are refused.
        sendGrid.Enqueue([.. Enumerable.Repeat(new SendGridFault(null), 3), .. Enumerable.Repeat(SendGridFault.ServerError(503) with { Message = "service unavailable" }, Attempts)]);
        await using (var node = await TestNode.StartAsync(settings, time))
        {
            await node.Grains.GetOrganisation().SaveAsync(
                new OrganisationUpdate(new OrganisationProfile("Acme Buying Ltd", "Quinn Quality", "quinn@buyer.test", null, "Only our quality team reads your answers.")),
                null,
                "admin@test.local");
            (suppliers, contacts) = await SuppliersAsync(node.Grains, 1, 1, 1);
            (var questionnaireId, version) = await QuestionnaireAsync(node.Grains);
            var campaign = node.Grains.GetGrain<ICampaignGrain>(campaignId);
            var definition = Definition(questionnaireId, time.GetUtcNow(), suppliers, 3) with { Evaluators = [new Evaluator("Eve Evaluator", Eve)] };
            Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(definition)).Outcome);
            Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);

            var waiting = await EventuallyAsync(
                () => campaign.GetAsync()!, d => d!.Counts.MailWaiting == 3 && d.Counts.Sent == 3 && d.LastMailProblem is not null, "the digest to wait");
            Assert.Equal(6, waiting!.Counts.Invited);
            Assert.Equal(contacts.Order(), sendGrid.Accepted.Select(m => m.To).Order());
            Assert.Equal(3 + Attempts, sendGrid.Requests.Count);
        }

        // A restarted node, SendGrid back: a minute later the campaign's own reminder sends the digest, once.
        await using var restarted = await TestNode.StartAsync(settings, time);
        time.Advance(TimeSpan.FromMinutes(2));
        var grain = restarted.Grains.GetGrain<ICampaignGrain>(campaignId);
        var sent = await EventuallyAsync(() => grain.GetAsync()!, d => d!.Counts.Sent == 6 && d.Counts.MailWaiting == 0 && d.Work is null, "the digest to go");
        Assert.Null(sent!.LastMailProblem);
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);
        var digest = Assert.Single(sendGrid.Accepted, m => m.To == Eve);
        Assert.Equal(4, sendGrid.Accepted.Count);
        var digestKey = EvaluatorDigest.Key(campaignId, Eve);
        Assert.Equal(EvaluatorDigest.MessageId(digestKey, "invite-1"), digest.MessageId);
        Assert.Null(digest.InvitationId);
        Assert.False(digest.Headers.ContainsKey("List-Unsubscribe"));
        Assert.DoesNotContain("unsubscribe", digest.Text + digest.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("If you should not be rating these suppliers, ask Quinn Quality (quinn@buyer.test).", digest.Text, StringComparison.Ordinal);
        Assert.All(sendGrid.Accepted.Where(m => m.To != Eve), m => Assert.True(m.Headers.ContainsKey("List-Unsubscribe")));
        var names = (await Task.WhenAll(suppliers.Select(id => restarted.Grains.GetSupplierCampaign(campaignId, id).GetAsync()))).Select(p => p!.SupplierName).ToList();
        var tokens = names.Select(name => TokenIn(digest.Text, name)).ToList();
        Assert.Equal(3, tokens.Distinct().Count());

        // The evaluator rates the first supplier through the form; on day 3 the reminder lists the other two.
        using (var client = restarted.CreateClient())
        {
            using var submitted = await client.PostFormAsync($"/s/{tokens[0]}", [.. FormFields(version), new("action", "submit")]);
            Assert.Equal($"/s/{tokens[0]}?submitted=true", submitted.RedirectTarget());
        }

        time.Advance(TimeSpan.FromDays(3));
        var reminded = await EventuallyAsync(() => Task.FromResult(sendGrid.Accepted), m => m.Count(x => x.To == Eve) == 2 && m.Count == 8, "the reminders");
        var reminder = reminded.Last(m => m.To == Eve);
        Assert.Equal(EvaluatorDigest.MessageId(digestKey, "reminder-1"), reminder.MessageId);
        Assert.DoesNotContain(names[0], reminder.Text, StringComparison.Ordinal);
        Assert.Equal(tokens[1], TokenIn(reminder.Text, names[1]));
        Assert.Equal(tokens[2], TokenIn(reminder.Text, names[2]));
        Assert.Contains("Still to rate (2 of 3 suppliers):", reminder.Text, StringComparison.Ordinal);

        // SendGrid reports the digest delivered: every invitation it listed counts as delivered.
        var body = MailNode.Body(MailNode.Event("delivered", Eve, null, ("sq_message_id", digest.MessageId), ("response", "250 OK")));
        // Signed by the node's clock, which the test has moved on three days.
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(webhookKey.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        using var posted = await MailNode.PostAsync(restarted, body, signature, timestamp);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var delivered = await EventuallyAsync(() => grain.GetAsync()!, d => d!.Counts.Delivered == 3, "the evaluator's invitations to count as delivered");
        Assert.Equal((6, 1), (delivered!.Counts.Sent, delivered.Counts.Submitted));
        foreach (var token in tokens)
        {
            Assert.Equal(MailDelivery.Delivered, (await restarted.Grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(token)).GetProgressAsync())!.Delivery);
        }
    }

    /// <summary>The token of <paramref name="supplierName"/>'s link in a digest's text.</summary>
    private static string TokenIn(string text, string supplierName)
    {
        var line = text.IndexOf($"{supplierName}: ", StringComparison.Ordinal);
        Assert.True(line >= 0, $"{supplierName} is not listed in: {text}");
        return CampaignSamples.TokenIn(text[line..]);
    }
}
