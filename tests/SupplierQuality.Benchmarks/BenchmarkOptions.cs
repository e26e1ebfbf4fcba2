using System.Globalization;
using System.Reflection;

namespace SupplierQuality.Benchmarks;

/// <summary>What to measure and how big, from the command line. Every size has a default the issue asks for.</summary>
internal sealed record BenchmarkOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project tests/SupplierQuality.Benchmarks -- [options]

          --scenarios raw,launch,flow,import,reads   which to run (default: all five; "provider" adds the grain storage
                                                      provider beside raw inserts, in-process, as measured before)
          --databases sqlite,postgresql               default: both (--skip-postgres: SQLite only)
          --postgres "<Npgsql connection string>"     an existing server instead of a private one (databases are made
                                                      and dropped there)
          --suppliers 10000       launch: suppliers, each with --contacts 3 contacts, imported as CSV before the launch
          --import-suppliers 30000   import: suppliers in one CSV file (one contact each)
          --seconds 30            flow: seconds per client count
          --clients 1,8,32        flow: concurrent virtual suppliers per cell
          --raw-seconds 10        raw: seconds per connection count (default: --seconds, at most 10)
          --connections 1,8,32    raw: concurrent connections per cell
          --writers 1,32          provider: concurrent writers per cell
          --read-requests 2000    reads: requests per page or API call
          --read-clients 1        reads: concurrent readers
          --answer-rate 20        reads: answers per second submitted meanwhile
          --results <folder>      where results.json and results.md go (default artifacts/benchmarks/<UTC time>)
          --work-dir <folder>     where the databases live (default: the temporary folder); same disk as production
          --node <path>           the SupplierQuality.Web.dll to run (default: the one built with this benchmark)
          --node-setting Key=Value   extra node configuration, repeatable (e.g. Campaigns:BatchSize=500)
          --launch-minutes 60     give up on a launch after this long (or 5 minutes without a new email)
          --import-minutes 30     give up on an import after this long
        """;

    private static readonly string[] AllScenarios = ["raw", "launch", "flow", "import", "reads"];
    private static readonly string[] KnownScenarios = [.. AllScenarios, "provider"];

    public IReadOnlySet<string> Scenarios { get; init; } = new HashSet<string>(AllScenarios, StringComparer.Ordinal);

    public IReadOnlyList<string> Databases { get; init; } = ["sqlite", "postgresql"];

    public string? Postgres { get; init; }

    public int Suppliers { get; init; } = 10_000;

    public int Contacts { get; init; } = 3;

    public int ImportSuppliers { get; init; } = 30_000;

    public double Seconds { get; init; } = 30;

    public IReadOnlyList<int> Clients { get; init; } = [1, 8, 32];

    public double RawSeconds { get; init; } = 10;

    public IReadOnlyList<int> Connections { get; init; } = [1, 8, 32];

    public IReadOnlyList<int> Writers { get; init; } = [1, 32];

    public int ReadRequests { get; init; } = 2_000;

    public int ReadClients { get; init; } = 1;

    public double AnswerRate { get; init; } = 20;

    public string Results { get; init; } = Path.Combine("artifacts", "benchmarks", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    public string WorkDirectory { get; init; } = Path.GetTempPath();

    public string NodeAssembly { get; init; } = BuiltNodeAssembly();

    public IReadOnlyDictionary<string, string?> NodeSettings { get; init; } = new Dictionary<string, string?>();

    public TimeSpan LaunchTimeout { get; init; } = TimeSpan.FromMinutes(60);

    public TimeSpan ImportTimeout { get; init; } = TimeSpan.FromMinutes(30);

    public bool Runs(string scenario) => Scenarios.Contains(scenario);

    /// <summary>Whether a node is needed: every scenario but the in-process ones drives one over HTTP.</summary>
    public bool NeedsNode => Scenarios.Any(s => s is "launch" or "flow" or "import" or "reads");

    /// <summary>The options, or null with the reason when the command line is wrong.</summary>
    public static (BenchmarkOptions? Options, string? Problem) Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var skipPostgres = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h")
            {
                return (null, null);
            }

            if (name == "--skip-postgres")
            {
                skipPostgres = true;
                continue;
            }

            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                return (null, $"'{name}' is not an option with a value.");
            }

            var value = args[++i];
            if (name == "--node-setting")
            {
                var parts = value.Split('=', 2);
                if (parts.Length != 2 || parts[0].Length == 0)
                {
                    return (null, $"--node-setting takes Key=Value, not '{value}'.");
                }

                settings[parts[0]] = parts[1];
                continue;
            }

            values[name] = value;
        }

        try
        {
            var options = Build(values, settings, skipPostgres);
            return options.Validate() is { } problem ? (null, problem) : (options, null);
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
    }

    private static BenchmarkOptions Build(Dictionary<string, string> values, Dictionary<string, string?> settings, bool skipPostgres)
    {
        string? Take(string name) => values.Remove(name, out var value) ? value : null;
        var defaults = new BenchmarkOptions();
        var seconds = Number(Take("--seconds"), "--seconds") ?? defaults.Seconds;
        var options = new BenchmarkOptions
        {
            Scenarios = Take("--scenarios") is { } scenarios ? new HashSet<string>(List(scenarios), StringComparer.Ordinal) : defaults.Scenarios,
            Databases = Take("--databases") is { } databases ? List(databases) : skipPostgres ? ["sqlite"] : defaults.Databases,
            Postgres = Take("--postgres"),
            Suppliers = Whole(Take("--suppliers"), "--suppliers") ?? defaults.Suppliers,
            Contacts = Whole(Take("--contacts"), "--contacts") ?? defaults.Contacts,
            ImportSuppliers = Whole(Take("--import-suppliers"), "--import-suppliers") ?? defaults.ImportSuppliers,
            Seconds = seconds,
            Clients = Wholes(Take("--clients"), "--clients") ?? defaults.Clients,
            RawSeconds = Number(Take("--raw-seconds"), "--raw-seconds") ?? Math.Min(seconds, defaults.RawSeconds),
            Connections = Wholes(Take("--connections"), "--connections") ?? defaults.Connections,
            Writers = Wholes(Take("--writers"), "--writers") ?? defaults.Writers,
            ReadRequests = Whole(Take("--read-requests"), "--read-requests") ?? defaults.ReadRequests,
            ReadClients = Whole(Take("--read-clients"), "--read-clients") ?? defaults.ReadClients,
            AnswerRate = Number(Take("--answer-rate"), "--answer-rate") ?? defaults.AnswerRate,
            Results = Take("--results") ?? defaults.Results,
            WorkDirectory = Take("--work-dir") ?? defaults.WorkDirectory,
            NodeAssembly = Take("--node") ?? defaults.NodeAssembly,
            NodeSettings = settings,
            LaunchTimeout = TimeSpan.FromMinutes(Number(Take("--launch-minutes"), "--launch-minutes") ?? defaults.LaunchTimeout.TotalMinutes),
            ImportTimeout = TimeSpan.FromMinutes(Number(Take("--import-minutes"), "--import-minutes") ?? defaults.ImportTimeout.TotalMinutes),
        };
        return values.Count == 0 ? options : throw new FormatException($"Unknown option {values.Keys.First()}.");
    }

    private string? Validate()
    {
        if (Scenarios.FirstOrDefault(s => !KnownScenarios.Contains(s)) is { } scenario)
        {
            return $"'{scenario}' is not a scenario: use {string.Join(", ", KnownScenarios)}.";
        }

        if (Databases.FirstOrDefault(d => d is not ("sqlite" or "postgresql")) is { } database)
        {
            return $"'{database}' is not a database: use sqlite, postgresql.";
        }

        if (Suppliers < 1 || Contacts is < 1 or > 20 || ImportSuppliers < 1 || ReadRequests < 1 || ReadClients < 1)
        {
            return "Sizes must be at least 1 (and --contacts at most 20, the most a supplier may have).";
        }

        if (Seconds <= 0 || RawSeconds <= 0 || AnswerRate < 0 || Clients.Concat(Connections).Concat(Writers).Any(c => c < 1))
        {
            return "Seconds and client counts must be positive.";
        }

        return NeedsNode && !File.Exists(NodeAssembly)
            ? $"The node {NodeAssembly} does not exist: build it (dotnet build -c Release src/SupplierQuality.Web) or pass --node."
            : null;
    }

    private static List<string> List(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => v.ToLowerInvariant())];

    private static double? Number(string? value, string name) =>
        value is null ? null
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number
        : throw new FormatException($"{name} takes a number, not '{value}'.");

    private static int? Whole(string? value, string name) =>
        value is null ? null
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number
        : throw new FormatException($"{name} takes a whole number, not '{value}'.");

    private static List<int>? Wholes(string? value, string name) =>
        value is null ? null : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => Whole(v.Trim(), name)!.Value)];

    /// <summary>The node built beside this benchmark, in the same configuration (the project file records where).</summary>
    private static string BuiltNodeAssembly() =>
        typeof(BenchmarkOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "NodeAssembly")?.Value ?? "SupplierQuality.Web.dll";
}
