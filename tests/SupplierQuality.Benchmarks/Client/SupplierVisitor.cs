using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using SupplierQuality.Benchmarks.Results;

namespace SupplierQuality.Benchmarks.Client;

/// <summary>One invitation: the contact it went to, and the token of the link in the email.</summary>
internal sealed record Invitation(string Email, int Supplier, int Contact, string Token);

/// <summary>The invitations nobody has answered yet, taken one per flow (a submitted form cannot be submitted again).</summary>
internal sealed class InvitationPool(IEnumerable<Invitation> invitations)
{
    private readonly ConcurrentQueue<Invitation> _queue = new(invitations);

    public int Remaining => _queue.Count;

    /// <summary>The next invitation, unless only <paramref name="keep"/> are left (kept for a later scenario).</summary>
    public bool TryTake(int keep, out Invitation invitation)
    {
        invitation = null!;
        return _queue.Count > keep && _queue.TryDequeue(out invitation!);
    }
}

/// <summary>
/// Every flow's outcome over the run, to check against the campaign's counters: a submit answered with the redirect
/// is acknowledged and must be counted; a submit that failed without an answer may or may not have been stored.
/// </summary>
internal sealed class FlowLedger
{
    private readonly ConcurrentQueue<string> _problems = new();
    private long _acknowledged;
    private long _unknown;
    private long _failed;
    private long _incomplete;

    /// <summary>Submits answered with the redirect to the submitted page.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Submits that got no answer (time-out, dropped connection) or a server error: stored or not.</summary>
    public long Unknown => Interlocked.Read(ref _unknown);

    /// <summary>Flows that failed in a way that stored nothing (the form did not open, or the submit was refused).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Acknowledged submits whose submitted page then did not show.</summary>
    public long Incomplete => Interlocked.Read(ref _incomplete);

    /// <summary>The first problems seen, for the report.</summary>
    public IReadOnlyList<string> Problems => [.. _problems];

    public void Acknowledge() => Interlocked.Increment(ref _acknowledged);

    public void Uncertain(string problem)
    {
        Interlocked.Increment(ref _unknown);
        Note(problem);
    }

    public void Fail(string problem)
    {
        Interlocked.Increment(ref _failed);
        Note(problem);
    }

    public void Unshown(string problem)
    {
        Interlocked.Increment(ref _incomplete);
        Note(problem);
    }

    private void Note(string problem)
    {
        if (_problems.Count < 20)
        {
            _problems.Enqueue(problem);
        }
    }
}

/// <summary>Per-step durations of the flows of one cell.</summary>
internal sealed class FlowTimings
{
    public Latencies Flow { get; } = new();

    public Latencies OpenForm { get; } = new();

    public Latencies Submit { get; } = new();

    public Latencies Submitted { get; } = new();

    public Dictionary<string, object?> Details() => new()
    {
        ["getFormMs"] = OpenForm.Summary(),
        ["postAnswersMs"] = Submit.Summary(),
        ["getSubmittedMs"] = Submitted.Summary(),
    };
}

/// <summary>
/// A supplier's contact with a browser: opens the link from the email, answers every question, submits with the
/// form's antiforgery token, and follows the redirect to the page that shows what was submitted. Each visitor has its
/// own connection; each flow starts with no cookies, as a different person's browser would.
/// </summary>
internal sealed class SupplierVisitor(Uri baseAddress, Survey survey, FlowLedger ledger) : IDisposable
{
    private static long _flows;
    private readonly HttpClient _http = NodeSession.Client(baseAddress, connections: 1);

    /// <summary>Runs one flow; true when all three steps answered as a browser expects.</summary>
    public async Task<bool> AnswerAsync(Invitation invitation, FlowTimings timings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(timings);
        var path = $"/s/{invitation.Token}";

        // Each flow is another supplier's browser: its own address (behind the proxy) and no cookies yet.
        var client = PublicProxy.ClientAddress(Interlocked.Increment(ref _flows));
        var flowStart = Stopwatch.GetTimestamp();
        string? cookies;
        List<KeyValuePair<string, string>> fields;
        try
        {
            using var open = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            open.Headers.Add("X-Forwarded-For", client);
            var start = Stopwatch.GetTimestamp();
            using var form = await _http.SendAsync(open, cancellationToken);
            var html = await form.Content.ReadAsStringAsync(cancellationToken);
            timings.OpenForm.AddSince(start);
            if (form.StatusCode != HttpStatusCode.OK)
            {
                ledger.Fail($"GET {path}: {(int)form.StatusCode}");
                return false;
            }

            cookies = HtmlForm.Cookies(form.Headers);
            fields = HtmlForm.Fields(html);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            ledger.Fail($"GET {path}: {e.Message}");
            return false;
        }

        Uri? location;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
            {
                Content = new FormUrlEncodedContent([.. fields, .. survey.Answers(invitation.Supplier), new("action", "submit")]),
            };
            request.Headers.Add("X-Forwarded-For", client);
            if (cookies is not null)
            {
                request.Headers.Add("Cookie", cookies);
            }

            var start = Stopwatch.GetTimestamp();
            using var submit = await _http.SendAsync(request, cancellationToken);
            await submit.Content.LoadIntoBufferAsync(cancellationToken);
            timings.Submit.AddSince(start);
            if (submit.StatusCode != HttpStatusCode.Redirect)
            {
                var problem = $"POST {path}: {(int)submit.StatusCode}";
                if ((int)submit.StatusCode >= 500)
                {
                    ledger.Uncertain(problem);
                }
                else
                {
                    ledger.Fail(problem);
                }

                return false;
            }

            ledger.Acknowledge();
            location = submit.Headers.Location is { } target ? PublicProxy.Local(target) : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            ledger.Uncertain($"POST {path}: {e.Message}");
            return false;
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, location);
            request.Headers.Add("X-Forwarded-For", client);
            if (cookies is not null)
            {
                request.Headers.Add("Cookie", cookies);
            }

            var start = Stopwatch.GetTimestamp();
            using var shown = await _http.SendAsync(request, cancellationToken);
            await shown.Content.LoadIntoBufferAsync(cancellationToken);
            timings.Submitted.AddSince(start);
            if (shown.StatusCode != HttpStatusCode.OK)
            {
                ledger.Unshown($"GET {location}: {(int)shown.StatusCode} (after an acknowledged submit)");
                return false;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            ledger.Unshown($"GET {location}: {e.Message} (after an acknowledged submit)");
            return false;
        }

        timings.Flow.AddSince(flowStart);
        return true;
    }

    public void Dispose() => _http.Dispose();
}
