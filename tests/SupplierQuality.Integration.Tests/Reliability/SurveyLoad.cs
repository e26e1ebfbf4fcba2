using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Integration.Tests.Campaigns;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Reliability;

/// <summary>How one attempt to answer the survey ended, as its client saw it.</summary>
internal enum AttemptOutcome
{
    /// <summary>The POST answered the redirect to "submitted": the answers are acknowledged.</summary>
    Acknowledged,

    /// <summary>503 with Retry-After and the form again, with the typed answers and the "could not save" message.</summary>
    FormKept,

    /// <summary>503 with Retry-After and the site's "try again in a moment" page (the form could not be loaded).</summary>
    ClearPage,

    /// <summary>Anything else: a 500, a stack trace, a 503 without Retry-After, no answer at all.</summary>
    Unexpected,
}

/// <summary>What a load run saw, with the figures the reliability document quotes.</summary>
internal sealed record LoadReport(
    int Attempts,
    int Acknowledged,
    int FormKept,
    int ClearPage,
    IReadOnlyList<string> Unexpected,
    IReadOnlyDictionary<string, int> AcknowledgedPerInvitation,
    IReadOnlyList<(TimeSpan At, HttpStatusCode Status)> Readiness,
    TimeSpan FaultStarted,
    TimeSpan FaultEnded,
    TimeSpan EveryClientAcknowledgedAgain)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Attempts} attempts: {Acknowledged} acknowledged, {FormKept} answered 503 with the form and its answers, {ClearPage} answered 503 with the clear page, {Unexpected.Count} unexpected; fault {FaultStarted.TotalSeconds:0.0}-{FaultEnded.TotalSeconds:0.0} s, every client acknowledged again by {EveryClientAcknowledgedAgain.TotalSeconds:0.0} s");
}

/// <summary>
/// A launched campaign and survey clients that answer it through the HTTP form as browsers do (GET the form, POST with
/// its antiforgery token, follow the redirect), each over its own invitations again and again, while a fault is
/// injected; and the checks that nothing acknowledged was lost.
/// </summary>
internal sealed partial class SurveyLoad
{
    public const string CouldNotSaveForm = "We could not save your answers just now.";
    public const string CouldNotSavePage = "We could not save just now";
    public const string TryAgainPage = "Please try again in a moment";

    private readonly TestNode _node;
    private readonly Guid _campaignId;
    private readonly QuestionnaireVersion _version;
    private readonly List<(Guid Supplier, List<string> Tokens)> _clients;

    private SurveyLoad(TestNode node, Guid campaignId, QuestionnaireVersion version, List<(Guid, List<string>)> clients)
    {
        _node = node;
        _campaignId = campaignId;
        _version = version;
        _clients = clients;
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public int Invitations => _clients.Sum(c => c.Tokens.Count);

    /// <summary>Node settings every load run needs: no rate limit on the form (all clients share one address), fast campaign ticks.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Survey:RateLimit:PermitLimit"] = "1000000",
        ["Campaigns:TickPeriod"] = "00:00:01",
    };

    /// <summary>One supplier per client, with <paramref name="invitationsPerClient"/> contacts; a campaign to all of them, launched and issued.</summary>
    public static async Task<SurveyLoad> PrepareAsync(TestNode node, int clients, int invitationsPerClient)
    {
        var (suppliers, _) = await CampaignSamples.SuppliersAsync(node.Grains, [.. Enumerable.Repeat(invitationsPerClient, clients)]);
        var (questionnaireId, version) = await CampaignSamples.QuestionnaireAsync(node.Grains);
        var campaignId = Guid.NewGuid();
        var campaign = node.Grains.GetGrain<ICampaignGrain>(campaignId);
        Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(CampaignSamples.Definition(questionnaireId, DateTimeOffset.UtcNow, suppliers))).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);
        await CampaignSamples.EventuallyAsync(
            () => campaign.GetAsync(), d => d!.Counts.Invited == clients * invitationsPerClient, "every invitation issued");

        var key = await node.Grains.GetGrain<IInvitationLinkKeyGrain>(0).GetAsync();
        var lists = new List<(Guid, List<string>)>();
        foreach (var supplier in suppliers)
        {
            var details = (await node.Grains.GetSupplierCampaign(campaignId, supplier).GetAsync())!;
            lists.Add((supplier, [.. details.Invitations.Select(i =>
                InvitationLinks.Token(key, InvitationLinks.Identity(campaignId, supplier, i.Kind, i.Email)))]));
        }

        return new SurveyLoad(node, campaignId, version, lists);
    }

    /// <summary>
    /// Runs the clients and a readiness probe, injects <paramref name="fault"/> after <paramref name="warmUp"/>, and
    /// goes on after it until every client had an answer acknowledged again (at most <paramref name="recoveryLimit"/>),
    /// then for <paramref name="settle"/> more.
    /// </summary>
    public async Task<LoadReport> RunAsync(TimeSpan warmUp, Func<Task> fault, TimeSpan recoveryLimit, TimeSpan settle)
    {
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var acknowledged = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var lastAcknowledged = new long[_clients.Count];
        var outcomes = new ConcurrentBag<AttemptOutcome>();
        var unexpected = new ConcurrentQueue<string>();
        var readiness = new ConcurrentQueue<(TimeSpan, HttpStatusCode)>();

        var clients = _clients.Select((c, i) => Task.Run(() => ClientAsync(i, c.Tokens, clock, acknowledged, lastAcknowledged, outcomes, unexpected, stop.Token))).ToList();
        var probe = Task.Run(() => ProbeAsync(clock, readiness, stop.Token));

        await Task.Delay(warmUp, Cancel);
        var faultStarted = clock.Elapsed;
        await fault();
        var faultEnded = clock.Elapsed;

        var recovered = TimeSpan.Zero;
        while (clock.Elapsed - faultEnded < recoveryLimit)
        {
            var oldest = lastAcknowledged.Min();
            if (oldest > faultEnded.Ticks)
            {
                recovered = TimeSpan.FromTicks(oldest);
                break;
            }

            await Task.Delay(100, Cancel);
        }

        await Task.Delay(settle, Cancel);
        await stop.CancelAsync();
        await Task.WhenAll([.. clients, probe]);

        var all = outcomes.ToList();
        return new LoadReport(
            all.Count,
            all.Count(o => o == AttemptOutcome.Acknowledged),
            all.Count(o => o == AttemptOutcome.FormKept),
            all.Count(o => o == AttemptOutcome.ClearPage),
            [.. unexpected],
            acknowledged.ToDictionary(),
            [.. readiness],
            faultStarted,
            faultEnded,
            recovered);
    }

    /// <summary>
    /// Every acknowledged answer is stored (each invitation's version is at least the number of its acknowledgements),
    /// and the aggregates have caught up with what is stored: each supplier's lines and responses, its scorecard, and
    /// the campaign's submitted count. Returns (stored versions, submitted invitations).
    /// </summary>
    public async Task<(int Versions, int Submitted)> AssertNothingAcknowledgedLostAsync(LoadReport report, int seconds = 60)
    {
        ArgumentNullException.ThrowIfNull(report);
        var stored = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in _clients.SelectMany(c => c.Tokens))
        {
            var progress = await _node.Grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(token)).GetProgressAsync();
            stored[InvitationToken.Hash(token)] = progress!.ResponseVersion;
            var acknowledged = report.AcknowledgedPerInvitation.GetValueOrDefault(token);
            Assert.True(progress.ResponseVersion >= acknowledged, $"Invitation {token}: {acknowledged} submissions acknowledged, version {progress.ResponseVersion} stored.");
        }

        var submitted = stored.Values.Count(v => v > 0);
        foreach (var (supplier, tokens) in _clients)
        {
            var keys = tokens.Select(InvitationToken.Hash).ToHashSet(StringComparer.Ordinal);
            var expected = keys.Count(k => stored[k] > 0);
            await CampaignSamples.EventuallyAsync(
                () => _node.Grains.GetSupplierCampaign(_campaignId, supplier).GetAsync(),
                d => d!.Invitations.All(line => line.ResponseVersion == stored[line.InvitationKey]) && d.Progress.Submitted == expected,
                $"supplier {supplier}'s campaign lines to show every stored version ({expected} responses)",
                seconds);
            await CampaignSamples.EventuallyAsync(
                () => _node.Grains.GetSupplierScorecard(supplier).GetAsync(),
                cards => cards.SingleOrDefault(c => c.CampaignId == _campaignId)?.Groups.Sum(g => g.Responded) == expected,
                $"supplier {supplier}'s scorecard to count {expected} responses",
                seconds);
        }

        await CampaignSamples.EventuallyAsync(
            () => _node.Grains.GetGrain<ICampaignGrain>(_campaignId).GetAsync(),
            d => d!.Counts.Submitted == submitted,
            $"the campaign to count {submitted} submitted",
            seconds);
        return (stored.Values.Sum(), submitted);
    }

    private async Task ClientAsync(
        int index,
        List<string> tokens,
        Stopwatch clock,
        ConcurrentDictionary<string, int> acknowledged,
        long[] lastAcknowledged,
        ConcurrentBag<AttemptOutcome> outcomes,
        ConcurrentQueue<string> unexpected,
        CancellationToken stop)
    {
        using var client = _node.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var attempt = 0;
        while (!stop.IsCancellationRequested)
        {
            var token = tokens[attempt % tokens.Count];
            var typed = string.Create(CultureInfo.InvariantCulture, $"Client {index} attempt {attempt} typed this");
            attempt++;
            var (outcome, problem) = await AttemptAsync(client, token, typed);
            outcomes.Add(outcome);
            if (problem is not null)
            {
                unexpected.Enqueue(problem);
            }

            if (outcome == AttemptOutcome.Acknowledged)
            {
                acknowledged.AddOrUpdate(token, 1, (_, n) => n + 1);
                Volatile.Write(ref lastAcknowledged[index], clock.Elapsed.Ticks);
            }
            else
            {
                // A person reads the message and tries again a little later.
                await Task.Delay(250, CancellationToken.None);
            }
        }
    }

    private async Task<(AttemptOutcome, string?)> AttemptAsync(HttpClient client, string token, string typed)
    {
        try
        {
            using var form = await client.GetAsync($"/s/{token}?edit=true", CancellationToken.None);
            var html = await form.Content.ReadAsStringAsync(CancellationToken.None);
            if (form.StatusCode != HttpStatusCode.OK)
            {
                return Refused(form, html, $"GET form", expectForm: false, typed);
            }

            var antiforgery = WebUtility.HtmlDecode(AntiforgeryInput().Match(html).Groups["token"].Value);
            // The form's hidden fields as a browser posts them back (the submission id; the version it was loaded over).
            var hidden = HiddenInput().Matches(html).Where(m => m.Groups["name"].Value != NodeClientExtensions.AntiforgeryField)
                .Select(m => new KeyValuePair<string, string>(m.Groups["name"].Value, WebUtility.HtmlDecode(m.Groups["value"].Value)));
            var fields = CampaignSamples.FormFields(_version)
                .Where(f => !f.Key.EndsWith($"[{FreeText}]", StringComparison.Ordinal))
                .Append(new($"answers[{FreeText}]", typed))
                .Concat(hidden)
                .Append(new("action", "submit"))
                .Append(new(NodeClientExtensions.AntiforgeryField, antiforgery));
            using var content = new FormUrlEncodedContent(fields);
            using var posted = await client.PostAsync($"/s/{token}", content, CancellationToken.None);
            if (posted.StatusCode == HttpStatusCode.Redirect && posted.RedirectTarget() == $"/s/{token}?submitted=true")
            {
                // Acknowledged: the page behind the redirect may itself meet the outage, which takes nothing back.
                using var shown = await client.GetAsync(posted.RedirectTarget(), CancellationToken.None);
                var body = await shown.Content.ReadAsStringAsync(CancellationToken.None);
                var problem = shown.StatusCode == HttpStatusCode.OK ? null : Refused(shown, body, "GET after submit", expectForm: false, typed).Item2;
                return (AttemptOutcome.Acknowledged, problem);
            }

            var refusedHtml = await posted.Content.ReadAsStringAsync(CancellationToken.None);
            return Refused(posted, refusedHtml, "POST form", expectForm: true, typed);
        }
        catch (HttpRequestException e)
        {
            return (AttemptOutcome.Unexpected, $"no answer: {e.Message}");
        }
        catch (TaskCanceledException e)
        {
            return (AttemptOutcome.Unexpected, $"no answer within the client's timeout: {e.Message}");
        }
    }

    private string FreeText => _version.Questions.First(q => q.Kind == QuestionKind.FreeText).Id;

    private static (AttemptOutcome, string?) Refused(HttpResponseMessage response, string html, string what, bool expectForm, string typed)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
        {
            return (AttemptOutcome.Unexpected, $"{what} answered {status}: {Excerpt(html)}");
        }

        if (response.Headers.RetryAfter is null)
        {
            return (AttemptOutcome.Unexpected, $"{what} answered 503 without Retry-After");
        }

        if (html.Contains("Exception", StringComparison.Ordinal) || html.Contains("   at ", StringComparison.Ordinal))
        {
            return (AttemptOutcome.Unexpected, $"{what} answered a stack trace: {Excerpt(html)}");
        }

        if (expectForm && html.Contains(CouldNotSaveForm, StringComparison.Ordinal))
        {
            return html.Contains(typed, StringComparison.Ordinal)
                ? (AttemptOutcome.FormKept, null)
                : (AttemptOutcome.Unexpected, $"{what} showed the form again without the typed answers");
        }

        var page = expectForm ? CouldNotSavePage : TryAgainPage;
        return html.Contains(page, StringComparison.Ordinal)
            ? (AttemptOutcome.ClearPage, null)
            : (AttemptOutcome.Unexpected, $"{what} answered 503 without a clear message: {Excerpt(html)}");
    }

    private async Task ProbeAsync(Stopwatch clock, ConcurrentQueue<(TimeSpan, HttpStatusCode)> readiness, CancellationToken stop)
    {
        using var client = _node.CreateClient();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var ready = await client.GetAsync("/health/ready", CancellationToken.None);
                readiness.Enqueue((clock.Elapsed, ready.StatusCode));
            }
            catch (HttpRequestException)
            {
                readiness.Enqueue((clock.Elapsed, 0));
            }

            await Task.Delay(250, CancellationToken.None);
        }
    }

    private static string Excerpt(string html) => html.Length <= 400 ? html : html[..400];

    [GeneratedRegex(@"<input[^>]*\bname=""__RequestVerificationToken""[^>]*\bvalue=""(?<token>[^""]*)""")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex(@"<input type=""hidden"" name=""(?<name>[^""]+)"" value=""(?<value>[^""]*)""")]
    private static partial Regex HiddenInput();
}
