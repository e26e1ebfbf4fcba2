using SupplierQuality.Benchmarks.Client;
using SupplierQuality.Benchmarks.Results;
using SupplierQuality.Email.Tests.SendGridServer;

namespace SupplierQuality.Benchmarks.Scenarios;

/// <summary>A running node and what the scenarios against it share.</summary>
/// <param name="RawPerSecond">Raw inserts a second by connection count, from this database's raw cells, for the ratios.</param>
internal sealed record NodeContext(
    string Database,
    BenchmarkOptions Options,
    NodeSession Session,
    ResourceMeter Meter,
    SendGridLoopbackServer SendGrid,
    IReadOnlyDictionary<int, double> RawPerSecond,
    CancellationToken Cancel);

/// <summary>
/// The launched campaign that flows and reads answer: its questionnaire, its invitations (links read from the emails
/// the loopback SendGrid accepted) and the ledger of every flow's outcome.
/// </summary>
internal sealed record CampaignUnderTest(Guid Id, int Suppliers, IReadOnlyList<Invitation> Invitations, FlowRunner Flows)
{
    /// <summary>Reads the campaign's counters through the API until submitted matches the ledger, or two minutes pass.</summary>
    public async Task<ResultRow> CheckSubmittedAsync(NodeContext context, string scenario)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = Flows.Ledger;
        var (low, high) = (ledger.Acknowledged, ledger.Acknowledged + ledger.Unknown);
        var submitted = 0L;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var campaign = await context.Session.GetJsonAsync($"/api/campaigns/{Id}", context.Cancel);
            submitted = campaign["counts"]?["submitted"]?.GetValue<long>() ?? -1;
            if ((submitted >= low && submitted <= high) || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(500, context.Cancel);
        }

        var passed = submitted >= low && submitted <= high;
        var check = ledger.Unknown == 0
            ? $"campaign submitted {submitted:N0} {(passed ? "=" : "≠")} acknowledged {low:N0}"
            : $"campaign submitted {submitted:N0} {(passed ? "within" : "outside")} acknowledged {low:N0} + {ledger.Unknown:N0} unanswered submits";
        Progress.Say($"{scenario} check: {check}");
        return new ResultRow(context.Database, scenario, "submitted check", submitted, 0, null, null, null, null, null, null, null, 0, null, passed, check)
        {
            Details = new()
            {
                ["acknowledged"] = ledger.Acknowledged,
                ["unknown"] = ledger.Unknown,
                ["failed"] = ledger.Failed,
                ["acknowledgedButNotShown"] = ledger.Incomplete,
                ["problems"] = ledger.Problems,
            },
        };
    }
}
