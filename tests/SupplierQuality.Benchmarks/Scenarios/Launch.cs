using System.Net;
using System.Text.RegularExpressions;
using SupplierQuality.Benchmarks.Client;
using SupplierQuality.Benchmarks.Results;
using SupplierQuality.Email.Tests.SendGridServer;

namespace SupplierQuality.Benchmarks.Scenarios;

/// <summary>
/// Scenario 2: suppliers with contacts imported from CSV, a questionnaire published and a campaign launched through
/// the API; measured from the launch request to the last invitation the loopback SendGrid accepted (counted on its
/// side), then checked: every contact got exactly one invitation, and nobody else got one.
/// </summary>
internal static partial class Launch
{
    public const string Category = "Bench launch";
    public const string Label = "Launch";

    /// <summary>The launch's row, and the campaign for the scenarios that answer it (null when nobody was invited).</summary>
    public static async Task<(ResultRow Row, CampaignUnderTest? Campaign)> RunAsync(NodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (options, session, cancel) = (context.Options, context.Session, context.Cancel);
        var expected = options.Suppliers * options.Contacts;
        Progress.Say($"launch: setting up {options.Suppliers:N0} suppliers x {options.Contacts} contacts, a questionnaire, scorecard settings");
        await session.WeighSelfAssessmentAsync(cancel);
        var survey = await Survey.PublishAsync(session, cancel);
        var imported = 0;
        foreach (var file in BenchSuppliers.Files(Label, Category, options.Suppliers, options.Contacts))
        {
            var outcome = await session.ImportAsync(file, "launch suppliers", options.ImportTimeout, cancel);
            imported += outcome.Created;
            Progress.Say($"launch: imported {imported:N0} suppliers ({outcome.Created / outcome.Elapsed.TotalSeconds:N0}/s)");
        }

        if (imported != options.Suppliers)
        {
            return (ResultRow.Failed(context.Database, "launch", $"{expected:N0} invitations", $"imported {imported:N0} of {options.Suppliers:N0} suppliers"), null);
        }

        var created = await session.SendJsonAsync(HttpMethod.Post, "/api/campaigns", new
        {
            name = "Benchmark campaign",
            questionnaireId = survey.Id,
            questionnaireVersion = 1,
            audience = "Category",
            category = Category,
            deadline = DateTimeOffset.UtcNow.AddDays(30),
            reminderDays = Array.Empty<int>(),
            subject = "{{supplier_name}}: how did we do together?",
            intro = "Dear {{contact_name}}, please answer by {{deadline}}.",
            buyerName = "Benchmark Buying Ltd",
        }, HttpStatusCode.Created, cancel);
        var campaignId = Guid.Parse(created["id"]!.GetValue<string>());

        var seen = context.SendGrid.Requests.Count;
        var messages = new List<SentMessage>();
        var window = context.Meter.Begin();
        var launchedAt = DateTimeOffset.UtcNow;
        var lastAcceptedAt = launchedAt;
        await session.SendJsonAsync(HttpMethod.Post, $"/api/campaigns/{campaignId}/launch", new { }, HttpStatusCode.OK, cancel);
        var timedOut = false;
        await using (Progress.Every(TimeSpan.FromSeconds(5), () => $"launch: {messages.Count:N0} of {expected:N0} invitations accepted by SendGrid, {messages.Count / (DateTimeOffset.UtcNow - launchedAt).TotalSeconds:N0}/s"))
        {
            while (messages.Count < expected)
            {
                var requests = context.SendGrid.Requests;
                foreach (var request in requests.Skip(seen).Where(r => r.Status == (int)HttpStatusCode.Accepted))
                {
                    messages.AddRange(request.Messages);
                    lastAcceptedAt = request.ReceivedAt;
                }

                seen = requests.Count;
                var now = DateTimeOffset.UtcNow;
                if (now - launchedAt > options.LaunchTimeout || now - lastAcceptedAt > TimeSpan.FromMinutes(5))
                {
                    timedOut = true;
                    break;
                }

                await Task.Delay(100, cancel);
            }
        }

        var usage = await window.EndAsync() with { Elapsed = lastAcceptedAt - launchedAt };
        var (passed, check, invitations) = Check(messages, options.Suppliers, options.Contacts);
        if (timedOut)
        {
            (passed, check) = (false, $"gave up after {(DateTimeOffset.UtcNow - launchedAt).TotalMinutes:N0} min; " + check);
        }

        var counts = (await session.GetJsonAsync($"/api/campaigns/{campaignId}", cancel))["counts"];
        var row = ResultRow.From(context.Database, "launch", $"{options.Suppliers:N0} x {options.Contacts}", messages.Count, usage, null, passed, check);
        row.Details["sendGridRequests"] = context.SendGrid.Requests.Count(r => r.Status == (int)HttpStatusCode.Accepted);
        row.Details["campaignCounts"] = counts?.ToJsonString();
        Progress.Say($"launch: {messages.Count:N0} invitations in {usage.Elapsed.TotalSeconds:N1} s ({row.PerSecond:N0}/s); {check}");

        // Contact 1 of every supplier first, then contact 2...: the first flows give every supplier an answer, so
        // the reads see every supplier scored as soon as there are as many flows as suppliers.
        var ordered = invitations.OrderBy(i => i.Contact).ThenBy(i => i.Supplier).ToList();
        var flows = new FlowRunner(session.BaseAddress, survey, new InvitationPool(ordered), new FlowLedger());
        return (row, ordered.Count == 0 ? null : new CampaignUnderTest(campaignId, options.Suppliers, ordered, flows));
    }

    /// <summary>Exactly one invitation to each contact of the launch and none to anyone else; their links.</summary>
    public static (bool Passed, string Check, List<Invitation> Invitations) Check(IReadOnlyList<SentMessage> messages, int suppliers, int contacts)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var byAddress = messages.GroupBy(m => m.To, StringComparer.OrdinalIgnoreCase).ToList();
        var twice = byAddress.Count(g => g.Count() > 1);
        var invitations = new List<Invitation>();
        var strangers = 0;
        var noLink = 0;
        foreach (var group in byAddress)
        {
            var parsed = BenchSuppliers.Parse(group.Key);
            if (parsed is not { } who || who.Supplier >= suppliers || who.Contact > contacts || !group.Key.Contains(Label.ToLowerInvariant(), StringComparison.Ordinal))
            {
                strangers++;
                continue;
            }

            var link = SurveyLink().Match(group.First().Text);
            if (!link.Success)
            {
                noLink++;
                continue;
            }

            invitations.Add(new Invitation(group.Key, who.Supplier, who.Contact, link.Groups["token"].Value));
        }

        var expected = suppliers * contacts;
        var missing = expected - invitations.Count;
        var passed = twice == 0 && strangers == 0 && noLink == 0 && missing == 0;
        var check = passed
            ? $"each of {expected:N0} contacts invited exactly once"
            : $"{missing:N0} contacts not invited, {twice:N0} invited more than once, {strangers:N0} strangers, {noLink:N0} without a link";
        return (passed, check, invitations);
    }

    [GeneratedRegex(@"/s/(?<token>[A-Za-z0-9_-]{16,})")]
    private static partial Regex SurveyLink();
}
