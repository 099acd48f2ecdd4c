using System.Diagnostics;
using System.Globalization;

namespace DanTienPortal.Benchmarks;

/// <summary>CPU time used so far by the portal's process, the PostgreSQL server and this process (the load generator).</summary>
public sealed record CpuTimes(TimeSpan Portal, TimeSpan Postgres, TimeSpan Generator)
{
    public static CpuTimes operator -(CpuTimes a, CpuTimes b) => new(a.Portal - b.Portal, a.Postgres - b.Postgres, a.Generator - b.Generator);

    /// <summary>Milliseconds of CPU per unit of work, "portal / PostgreSQL / generator".</summary>
    public string PerUnit(int units) => units == 0 ? "—" : string.Create(CultureInfo.InvariantCulture,
        $"{Portal.TotalMilliseconds / units:F2} / {Postgres.TotalMilliseconds / units:F2} / {Generator.TotalMilliseconds / units:F2}");
}

/// <summary>
/// Reads CPU time from <c>/proc</c>. CPU time per submission hardly depends on what else the
/// machine runs, unlike submissions per second: on a shared machine it is the figure to compare
/// changes by. PostgreSQL's time is the postmaster's, its live children's, and that of the
/// children that have ended (which the kernel adds to the postmaster's own count when it reaps them).
/// </summary>
public sealed class CpuMeter(int portalProcessId, string postgresDataDirectory)
{
    // /proc counts in USER_HZ, which is 100 on Linux.
    private const double TicksPerSecond = 100;

    public CpuTimes Read()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(postgresDataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        var postgres = Stat(postmaster) is { } own ? own.User + own.System + own.ChildrenUser + own.ChildrenSystem : 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } child && child.Parent == postmaster)
            {
                postgres += child.User + child.System;
            }
        }

        var portal = Stat(portalProcessId) is { } app ? app.User + app.System : 0;
        return new CpuTimes(Ticks(portal), Ticks(postgres), Process.GetCurrentProcess().TotalProcessorTime);
    }

    /// <summary>The machine's load average over 1, 5 and 15 minutes: how much else was running.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static TimeSpan Ticks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);

    private sealed record ProcStat(int Parent, long User, long System, long ChildrenUser, long ChildrenSystem);

    /// <summary>The fields of <c>/proc/PID/stat</c> after the command name (which may hold spaces), or null when the process has gone.</summary>
    private static ProcStat? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        // After "pid (comm) ": state, ppid, …; utime, stime, cutime, cstime are the 14th to 17th fields of the line.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return new ProcStat((int)Field(4), Field(14), Field(15), Field(16), Field(17));
    }
}
