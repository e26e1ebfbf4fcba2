using System.Diagnostics;
using System.Globalization;

namespace SupplierQuality.Integration.Tests.Reliability;

/// <summary>
/// A small file system of its own (tmpfs with a size limit) that a test can fill to the last byte and free again: a
/// real "disk full" for the files on it, without touching the machine's disks. Mounting needs root (tests in
/// containers and CI run as root); as another user there is no way to make a disk full for one process, and chmod
/// does not stop writes through files a process already has open, so the test is skipped with the reason.
/// </summary>
internal sealed class SmallDisk : IAsyncDisposable
{
    private readonly string _filler;

    private SmallDisk(string path)
    {
        Path = path;
        _filler = System.IO.Path.Combine(path, "filler");
    }

    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="megabytes"/> MB, or skips the test saying why it cannot.</summary>
    public static async Task<SmallDisk> MountOrSkipAsync(int megabytes)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Skip("Filling a disk needs a file system of its own, and mounting one needs root; chmod cannot stop a running process's writes to files it has open.");
        }

        var path = Directory.CreateTempSubdirectory("sq-small-disk-").FullName;
        var (exitCode, output) = await RunAsync("mount", "-t", "tmpfs", "-o", string.Create(CultureInfo.InvariantCulture, $"size={megabytes}m,mode=0755"), "sq-small-disk", path);
        if (exitCode != 0)
        {
            Directory.Delete(path);
            Assert.Skip($"Could not mount a small tmpfs to fill (mount exit code {exitCode}: {output.Trim()}).");
        }

        return new SmallDisk(path);
    }

    /// <summary>Takes every free byte with one file; returns how many bytes it took.</summary>
    public long Fill()
    {
        using var file = new FileStream(_filler, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var chunk = new byte[1024 * 1024];
        long written = 0;

        // Down to single pages, so not even a small write of SQLite's finds room.
        for (var size = chunk.Length; size >= 512; size /= 2)
        {
            while (true)
            {
                try
                {
                    file.Write(chunk, 0, size);
                    written += size;
                }
                catch (IOException)
                {
                    break;
                }
            }
        }

        return written;
    }

    /// <summary>Gives the space back.</summary>
    public void Free() => File.Delete(_filler);

    public async ValueTask DisposeAsync()
    {
        // Lazy: a pooled SQLite connection may still hold a file open; the mount goes when it closes.
        await RunAsync("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

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
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            return (process.ExitCode, await output + await error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
