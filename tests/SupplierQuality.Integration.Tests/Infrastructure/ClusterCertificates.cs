using System.Diagnostics;
using SupplierQuality.Web.Hosting;

namespace SupplierQuality.Integration.Tests.Infrastructure;

/// <summary>
/// Cluster certificates made once per test run with the very command the node's error message and the README give
/// operators, so that command is proven to make a certificate the node accepts.
/// </summary>
internal static class ClusterCertificates
{
    private static readonly string Folder = Directory.CreateTempSubdirectory("sq-test-certificates-").FullName;
    private static readonly Lazy<string> SharedPath = new(() => Make("shared"));
    private static readonly Lazy<string> StrangerPath = new(() => Make("stranger"));

    /// <summary>The certificate every test node presents unless a test says otherwise.</summary>
    public static string Shared => SharedPath.Value;

    /// <summary>A certificate made the same way, which the shared cluster has never seen.</summary>
    public static string Stranger => StrangerPath.Value;

    private static string Make(string name)
    {
        var directory = Directory.CreateDirectory(Path.Combine(Folder, name)).FullName;
        var info = new ProcessStartInfo("bash", ["-c", NodeCertificate.MakeOneCommand])
        {
            WorkingDirectory = directory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var openssl = Process.Start(info) ?? throw new InvalidOperationException("Could not start bash to run openssl");
        var output = openssl.StandardError.ReadToEnd() + openssl.StandardOutput.ReadToEnd();
        openssl.WaitForExit();
        var path = Path.Combine(directory, "cluster.pem");
        return openssl.ExitCode == 0 && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"openssl could not make a cluster certificate (apt-get install openssl): {output}");
    }
}
