using System.Diagnostics;

namespace SupplierQuality.Integration.Tests.Reliability;

/// <summary>
/// Makes files read-only for a running process, root included: the immutable attribute (<c>chattr +i</c>) refuses
/// writes even through files already open, where chmod only stops the next open (and does not stop root at all).
/// Needs root and a file system with the attribute (ext4, xfs, btrfs); otherwise the test is skipped with the reason.
/// </summary>
internal sealed class ReadOnlyFiles : IAsyncDisposable
{
    private readonly List<string> _files = [];

    public static void SkipUnlessPossible()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Skip("Making a running process's open files read-only needs root (chattr +i); chmod does not stop writes through open files.");
        }
    }

    /// <summary>Sets the attribute on every existing one of <paramref name="files"/>; skips the test if the file system has no such attribute.</summary>
    public async Task SetAsync(params string[] files)
    {
        foreach (var file in files.Where(File.Exists))
        {
            var (exitCode, output) = await RunAsync("chattr", "+i", file);
            if (exitCode != 0)
            {
                await ClearAsync();
                Assert.Skip($"chattr +i is not possible here (exit code {exitCode}: {output.Trim()}).");
            }

            _files.Add(file);
        }
    }

    public async Task ClearAsync()
    {
        foreach (var file in _files)
        {
            await RunAsync("chattr", "-i", file);
        }

        _files.Clear();
    }

    public async ValueTask DisposeAsync() => await ClearAsync();

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync(CancellationToken.None);
            return (process.ExitCode, await output + await error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
