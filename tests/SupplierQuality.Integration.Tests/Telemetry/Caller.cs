using System.Diagnostics;

namespace SupplierQuality.Integration.Tests.Telemetry;

/// <summary>
/// A sampled trace of the test's own, current while it calls a node, so HttpClient sends it as the W3C traceparent.
/// Set as the current activity rather than as a header: in this process the other test nodes' HttpClient
/// instrumentation rewrites a hand-made traceparent from the current activity.
/// </summary>
internal static class Caller
{
    public static Activity Start()
    {
        var activity = new Activity("telemetry-test-caller");
        activity.SetIdFormat(ActivityIdFormat.W3C);
        activity.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        return activity.Start();
    }
}
