using System.Globalization;

namespace SupplierQuality.Benchmarks.Node;

/// <summary>
/// CPU time of a process tree from Linux's /proc: a server such as PostgreSQL runs one process per connection, and
/// what they spent is the server's share of the work. Elsewhere, or for a process that is gone, it reads zero.
/// </summary>
internal static class ProcessStat
{
    /// <summary>/proc reports CPU in clock ticks of USER_HZ, 100 a second on every Linux architecture.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>
    /// The process's CPU time, that of its children it has waited for (exited backends), and that of its live
    /// children: the whole server, as long as its processes are its direct children (PostgreSQL's are).
    /// </summary>
    public static TimeSpan TreeCpu(int rootPid)
    {
        var ticks = Ticks(rootPid);
        if (Directory.Exists("/proc"))
        {
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                    && pid != rootPid
                    && Read(pid) is { } stat
                    && stat.ParentPid == rootPid)
                {
                    ticks += stat.Ticks;
                }
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>
    /// Resets the kernel's high-water mark of the process's resident memory (VmHWM, which .NET reads as the peak
    /// working set), so the next peak read is that of what follows; false when not allowed.
    /// </summary>
    public static bool ResetPeakWorkingSet(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long Ticks(int pid) => Read(pid)?.Ticks ?? 0;

    /// <summary>utime + stime + cutime + cstime and the parent, or null when the process is gone.</summary>
    private static (int ParentPid, long Ticks)? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name is in parentheses and may hold spaces or parentheses itself: fields start after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return ((int)Field(4), Field(14) + Field(15) + Field(16) + Field(17));
    }
}
