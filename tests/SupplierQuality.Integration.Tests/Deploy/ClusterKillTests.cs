using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using SupplierQuality.Email.Outbox;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Webhooks;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Reliability;
using SupplierQuality.Integration.Tests.Webhooks;
using SupplierQuality.Web.Scorecards;
using static SupplierQuality.Integration.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Integration.Tests.Deploy;

/// <summary>
/// A cluster for real (issue 16): three node processes on one PostgreSQL behind the load balancer, as
/// deploy/local/cluster.sh runs them. A campaign is launched through the balancer's API and its suppliers' contacts
/// answer through their links while the node running the launch is killed with SIGKILL. The other nodes carry on:
/// every answer they acknowledged is counted by the campaign and the ranking, the ranking equals the answers, and the
/// launch is finished by another node, each contact with exactly one invitation. A webhook endpoint takes each answer's
/// <c>response.submitted</c> on a loopback receiver that holds every post unanswered until the node delivering them
/// is killed in the middle of one: that is the launch's node when the endpoint lives there too, otherwise the
/// endpoint's node is killed once the launch is checked. Another node then delivers every event, signed.
/// </summary>
[Collection(ReliabilityDefinition.Name)]
public sealed partial class ClusterKillTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int NodeCount = 3;
    private const int SupplierCount = 40;
    private const int ContactsPerSupplier = 3;
    private const int RespondentsAtOnce = 6;
    private const string QuestionId = "q1";

    /// <summary>The whole test, cluster start included, stops itself after this.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(4);

    private static readonly TimeSpan BalancerHealthInterval = TimeSpan.FromSeconds(1);

    private static readonly int ExpectedAnswers =
        Enumerable.Range(0, SupplierCount * ContactsPerSupplier).Count(i => Answers(i / ContactsPerSupplier, i % ContactsPerSupplier));

    [Fact]
    public async Task A_killed_node_loses_no_acknowledged_answer_or_event_and_other_nodes_finish_its_launch_and_webhook_delivery()
    {
        postgres.RequireAvailable();
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        budget.CancelAfter(Budget);
        var clock = Stopwatch.StartNew();
        using var folder = new TemporaryDirectory();
        var balancerPort = FreePort.Next();
        var connection = await postgres.CreateDatabaseAsync();

        // Every post waits unanswered until the node delivering them is killed: events pile up behind the one in flight,
        // and the node dies in the middle of a post.
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Hold();
        var hookUrl = receiver.NewUrl();

        // One outbox per node: mail is written by the node running the campaign's launch, so its folder names it.
        var outboxes = Enumerable.Range(1, NodeCount).Select(i => Path.Combine(folder.Path, $"outbox-{i}")).ToList();
        var nodes = await StartNodesAsync([.. outboxes.Select(o => Settings(connection, o, balancerPort))]);
        try
        {
            await using var balancer = await BalancerProcess.StartAsync(balancerPort, nodes.Select(n => n.BaseAddress), BalancerHealthInterval);
            var clusterReady = clock.Elapsed;
            var (manager, administrator) = await ApiClientsAsync(balancer.BaseAddress);
            using var api = manager;
            using var admin = administrator;
            var hook = await PostAsync(
                admin, "/api/webhooks", new { url = hookUrl, events = new[] { WebhookEventTypes.ResponseSubmitted }, description = "cluster kill test" }, HttpStatusCode.Created);
            var secret = (string)hook["secret"]!;
            var (campaignId, suppliers) = await LaunchCampaignAsync(api);
            var launchedAt = clock.Elapsed;

            using var respondents = new Respondents(balancer.BaseAddress, outboxes, clock);
            var answering = respondents.RunAsync(budget.Token);
            await using var stopAnswering = respondents.StopAsync(answering);

            var victim = await WaitForLaunchHostAsync(outboxes, respondents, receiver, budget.Token);
            var deliverer = await DelivererAsync(nodes, hookUrl);
            var heldAtKill = receiver.Holding;
            var killingAtUtc = DateTimeOffset.UtcNow;
            await nodes[victim].KillAsync();
            var killedAt = clock.Elapsed;
            var killedAtUtc = DateTimeOffset.UtcNow;
            var hookKill = deliverer == victim ? new HookKill(killedAt, killingAtUtc, heldAtKill, respondents.Acknowledged.Count) : null;
            if (hookKill is not null)
            {
                receiver.Release();
            }

            var answeringAtKill = respondents.InFlight;
            var sentByVictim = Messages(outboxes[victim]);
            Assert.True(
                sentByVictim.Count < SupplierCount * ContactsPerSupplier,
                $"The launch had finished before the kill ({sentByVictim.Count} emails): nothing was left for another node to finish.");

            var invitations = await EventuallyAsync(
                () => Task.FromResult(outboxes.SelectMany(Messages).ToList()),
                all => all.Select(m => m.To.Email).Distinct().Count() == SupplierCount * ContactsPerSupplier,
                "every contact to be invited after the kill",
                seconds: Remaining(budget, clock));
            var launchFinishedAt = clock.Elapsed;
            await EventuallyAsync(
                () => Task.FromResult(respondents.Acknowledged.Count),
                count => count == ExpectedAnswers,
                "every answering contact to be acknowledged",
                seconds: Remaining(budget, clock));
            await stopAnswering.DisposeAsync();
            var answersDoneAt = clock.Elapsed;

            var acknowledged = respondents.Acknowledged.Values.ToList();
            var campaign = await EventuallyAsync(
                () => GetJsonAsync(api, $"/api/campaigns/{campaignId}"),
                c => c is not null && (int)c["counts"]!["submitted"]! == acknowledged.Count && (int)c["counts"]!["sent"]! == invitations.Select(m => m.Id).Distinct().Count(),
                "the campaign to count every acknowledged answer and sent invitation",
                seconds: Remaining(budget, clock));
            var rows = await EventuallyAsync(
                () => RankingRowsAsync(api, campaignId),
                r => r is not null && r.Sum(row => row.Responses) == acknowledged.Count,
                "the ranking to hold every acknowledged answer",
                seconds: Remaining(budget, clock));
            var settledAt = clock.Elapsed;

            // Exactly one invitation per contact: one message id and one link each. A message the killed node wrote but had
            // not yet recorded as sent goes again, with the same id and link, from the node that finished the launch (mail
            // is sent at least once); only the step in flight at the kill, one supplier's contacts, can be such a repeat.
            var perContact = invitations.GroupBy(m => m.To.Email).ToList();
            Assert.Equal(SupplierCount * ContactsPerSupplier, perContact.Count);
            Assert.All(perContact, c => Assert.Single(c.Select(m => (m.Id, TokenIn(m.TextBody))).Distinct()));
            var repeated = invitations.Count - perContact.Count;
            Assert.InRange(repeated, 0, ContactsPerSupplier);
            var finishedBy = Enumerable.Range(0, NodeCount).Where(i => i != victim && Messages(outboxes[i]).Count > 0).ToList();
            Assert.NotEmpty(finishedBy);
            var resumedAfter = finishedBy.SelectMany(i => Messages(outboxes[i])).Min(m => m.WrittenAt) - killedAtUtc;
            Assert.Equal(
                invitations.Select(m => m.To.Email).Except(sentByVictim.Select(m => m.To.Email)).Order(),
                finishedBy.SelectMany(i => Messages(outboxes[i])).Select(m => m.To.Email).Except(sentByVictim.Select(m => m.To.Email)).Order());

            // Nothing acknowledged is lost, and the ranking is the answers.
            var counts = campaign!["counts"]!;
            Assert.Equal(
                (SupplierCount * ContactsPerSupplier, SupplierCount * ContactsPerSupplier, acknowledged.Count, 0),
                ((int)counts["invited"]!, (int)counts["sent"]!, (int)counts["submitted"]!, (int)counts["mailWaiting"]!));
            Assert.Equal(SupplierCount, rows!.Count);
            foreach (var row in rows)
            {
                var answers = acknowledged.Where(a => a.Supplier == suppliers[row.SupplierId]).ToList();
                Assert.Equal(answers.Count, row.Responses);
                Assert.Equal(answers.Average(a => 10.0 * a.Rating), row.Mean!.Value, 9);
            }

            var failures = respondents.FailuresAfter(killedAt);
            var slowest = acknowledged.Where(a => a.At > killedAt).MaxBy(a => a.Took);
            output.WriteLine($"cluster: {NodeCount} node processes and the balancer ready after {clusterReady.TotalSeconds:F1} s; launch at {launchedAt.TotalSeconds:F1} s");
            output.WriteLine($"killed node {victim + 1} (the launch's host) at {killedAt.TotalSeconds:F1} s, after it had written {sentByVictim.Count} of {SupplierCount * ContactsPerSupplier} invitations, with {answeringAtKill} answer(s) in flight");
            output.WriteLine($"launch resumed by node(s) {string.Join(", ", finishedBy.Select(i => i + 1))} {resumedAfter.TotalSeconds:F1} s after the kill and finished {(launchFinishedAt - killedAt).TotalSeconds:F1} s after it; {repeated} invitation(s) of the step in flight written again with the same id and link");
            output.WriteLine($"answers: {acknowledged.Count} acknowledged (302), {(int)counts["submitted"]!} counted by the campaign, {rows.Sum(r => r.Responses)} in the ranking; {ExpectedAnswers} expected, {acknowledged.Count(a => a.At > killedAt)} acknowledged after the kill; all done {(answersDoneAt - killedAt).TotalSeconds:F1} s after it");
            output.WriteLine($"failed attempts after the kill, each tried again: {failures.Count} ({string.Join(", ", failures.GroupBy(f => f.Outcome).Select(g => $"{g.Key} x{g.Count()}"))})"
                + (failures.Count == 0 ? "" : $", the last {(failures.Max(f => f.At) - killedAt).TotalSeconds:F1} s after the kill"));
            output.WriteLine($"time to recover: the slowest answer acknowledged after the kill took {slowest?.Took.TotalSeconds ?? 0:F1} s (calls to the dead node's grains wait until it is voted out); {acknowledged.Count(a => a.Attempts > 1)} answer(s) needed more than one try");
            output.WriteLine($"counters and ranking settled {(settledAt - answersDoneAt).TotalSeconds:F1} s after the last answer");

            // The webhook: when the endpoint lives elsewhere, its node is killed now, in the middle of a held post, and the
            // last node delivers alone.
            if (hookKill is null)
            {
                await EventuallyAsync(() => Task.FromResult(receiver.Holding), held => held > 0, "a post held unanswered", seconds: Remaining(budget, clock));
                var held = receiver.Holding;
                var killingUtc = DateTimeOffset.UtcNow;
                await nodes[deliverer].KillAsync();
                hookKill = new HookKill(clock.Elapsed, killingUtc, held, acknowledged.Count);
                receiver.Release();
            }

            var posts = await EventuallyAsync(
                () => Task.FromResult(receiver.To(hookUrl)),
                p => Accepted(p).Select(ResponseOf).DistinctBy(r => r.ResponseId).Count() >= acknowledged.Count,
                "every acknowledged answer's response.submitted event to be delivered after the delivering node's death",
                seconds: Remaining(budget, clock));
            var accepted = Accepted(posts);
            var signer = new StandardWebhook(secret);
            Assert.All(posts, p => signer.Verify(p.Body, p.Headers));

            // Nothing was accepted before the kill, so every event was delivered by another node; a repeat is the same
            // event (webhook-id and body), and each acknowledged answer is one response with its score.
            Assert.DoesNotContain(accepted, p => p.At < hookKill.BeganUtc);
            Assert.All(accepted.GroupBy(WebhookId), same => Assert.Single(same.Select(p => p.Body).Distinct()));
            var responses = accepted.Select(ResponseOf).DistinctBy(r => r.ResponseId).ToList();
            Assert.All(responses, r => Assert.Equal((WebhookEventTypes.ResponseSubmitted, campaignId), (r.Type, r.CampaignId)));
            Assert.Equal(
                acknowledged.Select(a => (a.Supplier, 10m * a.Rating)).Order(),
                responses.Select(r => (suppliers[r.SupplierId], r.OverallScore)).Order());
            var deliveredBy = Enumerable.Range(0, NodeCount).Where(i => i != deliverer && PostedTo(nodes[i], hookUrl)).ToList();
            Assert.NotEmpty(deliveredBy);

            var firsts = accepted.GroupBy(WebhookId).Select(g => g.Min(p => p.At)).ToList();
            var gaveUp = posts.Count(p => p.Status == StatusCodes.Status499ClientClosedRequest && p.At < hookKill.BeganUtc);
            var cut = posts.Count(p => p.Status == StatusCodes.Status499ClientClosedRequest && p.At >= hookKill.BeganUtc);
            output.WriteLine(
                $"webhook: node {deliverer + 1} was delivering to the endpoint ({(deliverer == victim ? "the launch's node, killed above" : $"killed {(hookKill.At - killedAt).TotalSeconds:F1} s after node {victim + 1}, once the launch was checked")}), "
                + $"with {hookKill.Held} post(s) held unanswered and {hookKill.Answered} answer(s) acknowledged, none of their events delivered yet");
            output.WriteLine(
                $"webhook: node(s) {string.Join(", ", deliveredBy.Select(i => i + 1))} delivered after the kill; the receiver got {posts.Count} posts: {gaveUp} held until their sender gave up (10 s) before the kill, {cut} cut by the kill, "
                + $"{accepted.Count} accepted (204) with {firsts.Count} distinct webhook-ids ({accepted.Count - firsts.Count} duplicate(s)) for {responses.Count} responses = {acknowledged.Count} acknowledged answers "
                + $"({firsts.Count - responses.Count} of them also as version 2: a submit stored whose acknowledgement was lost, sent again); "
                + $"every signature verified; last new event {(firsts.Max() - hookKill.BeganUtc).TotalSeconds:F1} s after the kill");
            output.WriteLine($"whole test {clock.Elapsed.TotalSeconds:F1} s");
        }
        catch
        {
            foreach (var (node, i) in nodes.Select((n, i) => (n, i)))
            {
                output.WriteLine($"--- node {i + 1} ---\n{Tail(node.Output)}");
            }

            throw;
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static Dictionary<string, string?> Settings(string connection, string outbox, int balancerPort) => new()
    {
        ["Storage:Provider"] = null,
        ["ConnectionStrings:SupplierQuality"] = connection,
        ["Accounts:InitialAdmin:Email"] = TestNode.AdminEmail,
        ["Accounts:InitialAdmin:Password"] = TestNode.AdminPassword,
        ["Node:ForwardedHeaders:KnownProxies"] = "127.0.0.1",
        ["Campaigns:PublicBaseUrl"] = $"http://127.0.0.1:{balancerPort}",
        ["Campaigns:TickPeriod"] = "00:00:01",

        // The campaign is created without a buyer name, so it takes the organisation's: not "Our company", which cannot launch.
        ["Campaigns:BuyerName"] = "Cluster Buying Ltd",

        // One supplier a step, so the launch lasts long enough to be killed half-way.
        ["Campaigns:BatchSize"] = "1",
        ["Campaigns:BatchesInFlight"] = "1",
        ["Mail:OutboxPath"] = outbox,

        // Every respondent comes from 127.0.0.1, through the balancer.
        ["Survey:RateLimit:PermitLimit"] = "100000",

        // Retries a second or two apart, and the endpoints' reminder (which moves a dead node's delivery) each second.
        ["Webhooks:FirstRetryDelay"] = "00:00:01",
        ["Webhooks:MaxRetryDelay"] = "00:00:02",
        ["Webhooks:TickPeriod"] = "00:00:01",

        // Each post's log line names its address: how the test tells which node delivers.
        ["Logging:LogLevel:System.Net.Http.HttpClient.webhooks"] = "Information",
    };

    /// <summary>Starts the nodes at once; if one fails, stops the others before failing.</summary>
    private static async Task<List<NodeProcess>> StartNodesAsync(List<Dictionary<string, string?>> settings)
    {
        var starting = settings.Select(NodeProcess.StartAsync).ToList();
        try
        {
            return [.. await Task.WhenAll(starting)];
        }
        catch
        {
            // WhenAll ends when every start has ended, so none is still starting here.
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Signs in as the admin through the balancer and makes API keys on the admin page: a quality manager's, and an admin's for the webhooks.</summary>
    private static async Task<(HttpClient Manager, HttpClient Admin)> ApiClientsAsync(Uri balancer)
    {
        using var admin = Browser(balancer);
        await admin.SignInAsync(TestNode.AdminEmail, TestNode.AdminPassword);
        return (await ApiClientAsync(admin, balancer, Roles.QualityManager), await ApiClientAsync(admin, balancer, Roles.Admin));
    }

    private static async Task<HttpClient> ApiClientAsync(HttpClient admin, Uri balancer, string role)
    {
        using var created = await admin.PostFormAsync(
            "/admin/api-keys?handler=Create", [new("NewName", $"cluster kill test ({role})"), new("NewRole", role)], "/admin/api-keys");
        var page = await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var key = IssuedKey().Match(page);
        Assert.True(key.Success, $"No key on the API keys page ({(int)created.StatusCode}): {page}");
        var api = new HttpClient { BaseAddress = balancer, Timeout = TimeSpan.FromSeconds(40) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WebUtility.HtmlDecode(key.Groups["key"].Value));
        return api;
    }

    /// <summary>Suppliers with contacts, a one-question questionnaire (a 0-10 rating) and a campaign asking them all, launched.</summary>
    private static async Task<(Guid Campaign, Dictionary<Guid, int> Suppliers)> LaunchCampaignAsync(HttpClient api)
    {
        var suppliers = new Dictionary<Guid, int>();
        for (var s = 0; s < SupplierCount; s++)
        {
            var contacts = Enumerable.Range(0, ContactsPerSupplier).Select(c => new { name = $"Contact {c}", email = ContactEmail(s, c) }).ToArray();
            var created = await PostAsync(api, "/api/suppliers", new { name = $"Kill supplier {s:D2}", category = "castings", status = "Active", contacts }, HttpStatusCode.Created);
            suppliers[(Guid)created["id"]!] = s;
        }

        var questionnaire = await PostAsync(api, "/api/questionnaires", new
        {
            title = "Cluster survey",
            dimensions = new[] { new { id = "quality", name = "Quality", weight = 100 } },
            questions = new[] { new { id = QuestionId, kind = "Rating", text = "How good were the parts?", required = true, dimensionId = "quality" } },
        }, HttpStatusCode.Created);
        var questionnaireId = (Guid)questionnaire["id"]!;
        await PostAsync(api, $"/api/questionnaires/{questionnaireId}/publish", new { revision = (int)questionnaire["revision"]! }, HttpStatusCode.OK);

        var campaignId = Guid.NewGuid();
        await PostAsync(api, "/api/campaigns", new
        {
            id = campaignId,
            name = "Cluster kill campaign",
            questionnaireId,
            questionnaireVersion = 1,
            audience = "Chosen",
            suppliers = suppliers.Keys.ToArray(),
            deadline = DateTimeOffset.UtcNow.AddDays(14),
        }, HttpStatusCode.Created);
        await PostAsync(api, $"/api/campaigns/{campaignId}/launch", new { }, HttpStatusCode.OK);
        return (campaignId, suppliers);
    }

    /// <summary>
    /// The node whose outbox the launch writes to, once it has sent a quarter of the invitations, answers are on their
    /// way and a webhook post is held: the campaign grain lives there, and with it the launch's cursor.
    /// </summary>
    private static async Task<int> WaitForLaunchHostAsync(List<string> outboxes, Respondents respondents, WebhookReceiver receiver, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var counts = outboxes.Select(o => Directory.Exists(o) ? Directory.GetFiles(o, "*" + OutboxFolder.Extension).Length : 0).ToList();
            var host = counts.FindIndex(c => c >= SupplierCount * ContactsPerSupplier / 4);
            if (host >= 0 && respondents.InFlight >= 2 && receiver.Holding > 0)
            {
                return host;
            }

            Assert.True(
                DateTime.UtcNow < deadline,
                $"The launch wrote no quarter of its invitations, or no webhook post came, within 60 s: invitations {string.Join(", ", counts)}, {receiver.Holding} post(s) held");
            await Task.Delay(10, cancel);
        }
    }

    /// <summary>
    /// The node delivering the endpoint's events: the one whose log shows a post to its address. One activation of the
    /// endpoint posts, one event at a time, so before a kill exactly one node has.
    /// </summary>
    private static async Task<int> DelivererAsync(List<NodeProcess> nodes, string url)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var posting = Enumerable.Range(0, nodes.Count).Where(i => PostedTo(nodes[i], url)).ToList();
            if (posting.Count == 1)
            {
                return posting[0];
            }

            Assert.True(
                posting.Count == 0 && DateTime.UtcNow < deadline,
                $"Expected one node to log its posts to {url} within 10 s, found {posting.Count}: nodes {string.Join(", ", posting.Select(i => i + 1))}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Whether the node's log shows a post to <paramref name="url"/> (HttpClient's own line for each request).</summary>
    private static bool PostedTo(NodeProcess node, string url) => node.Output.Contains($"HTTP request POST {url}", StringComparison.Ordinal);

    private static List<ReceivedPost> Accepted(IEnumerable<ReceivedPost> posts) => [.. posts.Where(p => p.Status == StatusCodes.Status204NoContent)];

    private static string WebhookId(ReceivedPost post) => post.Headers["webhook-id"].ToString();

    private static DeliveredResponse ResponseOf(ReceivedPost post)
    {
        var root = JsonNode.Parse(post.Body)!;
        var data = root["data"]!;
        return new DeliveredResponse((string)root["type"]!, (Guid)data["responseId"]!, (Guid)data["campaignId"]!, (Guid)data["supplierId"]!, (decimal)data["overallScore"]!);
    }

    private static string ContactEmail(int supplier, int contact) => $"c{contact}.s{supplier:D2}@kill.test";

    /// <summary>The rating a contact gives: spread over 0-10 so each supplier's mean is its own.</summary>
    private static int Rating(int supplier, int contact) => ((supplier * ContactsPerSupplier) + contact) % 11;

    /// <summary>Some contacts never answer, so answered and invited differ and a count that confused them would show.</summary>
    private static bool Answers(int supplier, int contact) => (supplier + contact) % 4 != 0;

    private static (int Supplier, int Contact) Parse(string email)
    {
        var match = ContactAddress().Match(email);
        return (int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["c"].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>The emails in one node's outbox; files appear whole (written aside, then renamed).</summary>
    private static List<OutboxMessage> Messages(string outbox) =>
        !Directory.Exists(outbox) ? [] :
        [.. Directory.GetFiles(outbox, "*" + OutboxFolder.Extension)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Select(f => JsonSerializer.Deserialize<OutboxMessage>(File.ReadAllText(f), OutboxFolder.Json)!)];

    private static async Task<JsonObject> PostAsync(HttpClient api, string path, object body, HttpStatusCode expected)
    {
        using var response = await api.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The JSON at <paramref name="path"/>; null while the cluster cannot serve it (a node still being voted dead).</summary>
    private static async Task<JsonObject?> GetJsonAsync(HttpClient api, string path)
    {
        try
        {
            using var response = await api.GetAsync(path, TestContext.Current.CancellationToken);
            return response.IsSuccessStatusCode
                ? JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject()
                : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Each supplier's self-assessment in the campaign's ranking: the group the contacts answer in.</summary>
    private static async Task<List<RankedSupplier>?> RankingRowsAsync(HttpClient api, Guid campaignId)
    {
        var ranking = await GetJsonAsync(api, $"/api/rankings?period=campaign:{campaignId:N}&take=100");
        var group = ScoreText.GroupName(RecipientKind.Contact);
        return ranking?["items"]!.AsArray().Select(row =>
        {
            var contacts = row!["groups"]!.AsArray().Single(g => (string)g!["group"]! == group)!;
            return new RankedSupplier((Guid)row["supplierId"]!, (int)contacts["responses"]!, (double?)contacts["mean"]);
        }).ToList();
    }

    private static int Remaining(CancellationTokenSource budget, Stopwatch clock) =>
        budget.IsCancellationRequested ? 0 : Math.Max(1, (int)(Budget - clock.Elapsed).TotalSeconds);

    private static HttpClient Browser(Uri baseAddress) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(40),
        };

    private static string Tail(string text) => text.Length <= 6000 ? text : text[^6000..];

    [GeneratedRegex(@"<code id=""api-key"">(?<key>[^<]+)</code>")]
    private static partial Regex IssuedKey();

    [GeneratedRegex(@"<input[^>]*\bname=""__RequestVerificationToken""[^>]*\bvalue=""(?<token>[^""]*)""")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex(@"^c(?<c>\d+)\.s(?<s>\d+)@")]
    private static partial Regex ContactAddress();

    private sealed class Stopping(CancellationTokenSource stop, Task running) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await running;
        }
    }

    private sealed record RankedSupplier(Guid SupplierId, int Responses, double? Mean);

    /// <summary>
    /// The kill of the node delivering the webhook's events: when it ended, when it began (the receiver may see the
    /// held post's connection drop before the process is reaped), posts held then, answers acknowledged by then.
    /// </summary>
    private sealed record HookKill(TimeSpan At, DateTimeOffset BeganUtc, int Held, int Answered);

    /// <summary>What a delivered <c>response.submitted</c> says.</summary>
    private sealed record DeliveredResponse(string Type, Guid ResponseId, Guid CampaignId, Guid SupplierId, decimal OverallScore);

    /// <summary>An answer the cluster acknowledged (302 after the submit): when, after how many tries, and how long the last one took.</summary>
    private sealed record Answer(int Supplier, int Contact, int Rating, TimeSpan At, int Attempts, TimeSpan Took);

    private sealed record Attempt(TimeSpan At, string Outcome);

    /// <summary>
    /// The suppliers' contacts: each reads its email from the outboxes as it appears and answers through the balancer,
    /// trying again after anything but the 302 that acknowledges a submitted form. A few answer at once.
    /// </summary>
    private sealed class Respondents(Uri balancer, List<string> outboxes, Stopwatch clock) : IDisposable
    {
        private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<Attempt> _failures = new();
        private readonly SemaphoreSlim _gate = new(RespondentsAtOnce);
        private readonly CancellationTokenSource _stop = new();
        private int _inFlight;

        /// <summary>By contact address.</summary>
        public ConcurrentDictionary<string, Answer> Acknowledged { get; } = new(StringComparer.Ordinal);

        /// <summary>Answers being submitted right now.</summary>
        public int InFlight => Volatile.Read(ref _inFlight);

        public List<Attempt> FailuresAfter(TimeSpan at) => [.. _failures.Where(f => f.At >= at)];

        /// <summary>What stops them and waits until the last has given up; disposing it twice does nothing more.</summary>
        public Stopping StopAsync(Task running) => new Stopping(_stop, running);

        public async Task RunAsync(CancellationToken budget)
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(budget, _stop.Token);
            var answering = new List<Task>();
            while (!both.IsCancellationRequested)
            {
                foreach (var message in outboxes.SelectMany(Messages))
                {
                    var (supplier, contact) = Parse(message.To.Email);
                    if (Answers(supplier, contact) && _seen.TryAdd(message.To.Email, 0))
                    {
                        answering.Add(AnswerAsync(message, supplier, contact, both.Token));
                    }
                }

                await Task.Delay(100, CancellationToken.None);
            }

            await Task.WhenAll(answering);
        }

        public void Dispose()
        {
            _stop.Dispose();
            _gate.Dispose();
        }

        /// <summary>Opens the link and submits the form until the cluster acknowledges it; ends quietly when stopped.</summary>
        private async Task AnswerAsync(OutboxMessage message, int supplier, int contact, CancellationToken cancel)
        {
            var link = $"/s/{TokenIn(message.TextBody)}";
            var rating = Rating(supplier, contact).ToString(CultureInfo.InvariantCulture);
            try
            {
                for (var attempt = 1; ; attempt++)
                {
                    await _gate.WaitAsync(cancel);
                    var started = clock.Elapsed;
                    string outcome;
                    Interlocked.Increment(ref _inFlight);
                    try
                    {
                        outcome = await SubmitOnceAsync(link, rating, cancel);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _inFlight);
                        _gate.Release();
                    }

                    if (outcome == "302")
                    {
                        Acknowledged.TryAdd(message.To.Email, new Answer(supplier, contact, Rating(supplier, contact), clock.Elapsed, attempt, clock.Elapsed - started));
                        return;
                    }

                    _failures.Enqueue(new Attempt(clock.Elapsed, outcome));
                    await Task.Delay(300, cancel);
                }
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
            }
        }

        /// <summary>One try as a browser makes it: the form (for its antiforgery token and cookie), then the submit.</summary>
        private async Task<string> SubmitOnceAsync(string link, string rating, CancellationToken cancel)
        {
            using var browser = Browser(balancer);
            try
            {
                using var form = await browser.GetAsync(link, cancel);
                var html = await form.Content.ReadAsStringAsync(cancel);
                var antiforgery = AntiforgeryInput().Match(html);
                if (form.StatusCode != HttpStatusCode.OK || !antiforgery.Success)
                {
                    return $"GET {(int)form.StatusCode}";
                }

                using var fields = new FormUrlEncodedContent(
                [
                    new($"answers[{QuestionId}]", rating),
                    new("action", "submit"),
                    new(NodeClientExtensions.AntiforgeryField, WebUtility.HtmlDecode(antiforgery.Groups["token"].Value)),
                ]);
                using var submitted = await browser.PostAsync(link, fields, cancel);
                return submitted.StatusCode == HttpStatusCode.Redirect ? "302" : $"POST {(int)submitted.StatusCode}";
            }
            catch (HttpRequestException)
            {
                return "no connection";
            }
            catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
            {
                return "timeout";
            }
        }
    }
}
