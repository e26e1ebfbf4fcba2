using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Orleans.Hosting.Kubernetes;
using SupplierQuality.Email;
using SupplierQuality.Email.SendGrid;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Web.Accounts;
using SupplierQuality.Web.Campaigns;
using SupplierQuality.Web.Hosting;
using SupplierQuality.Web.Invitations;
using SupplierQuality.Web.Telemetry;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SupplierQuality.Integration.Tests.Deploy;

/// <summary>
/// Reads the deployment files (YAML manifests, the compose file, the Dockerfile) and judges the configuration they give
/// a node or the load balancer by the code that reads it: keys are bound into the real options classes by the
/// configuration binder, with unknown keys an error, and validated as the process would at start.
/// </summary>
internal static partial class DeploymentFiles
{
    /// <summary>The load balancer's options, internal to its assembly (which the tests reference but do not see into).</summary>
    public static readonly Type BalancerOptionsType =
        Type.GetType("SupplierQuality.LoadBalancer.BalancerOptions, SupplierQuality.LoadBalancer", throwOnError: true)!;

    /// <summary>The sections the node binds into options classes.</summary>
    private static readonly (string Section, Type Options)[] NodeSections =
    [
        (NodeOptions.SectionName, typeof(NodeOptions)),
        (StorageOptions.SectionName, typeof(StorageOptions)),
        (CampaignOptions.Section, typeof(CampaignOptions)),
        (AccountsOptions.SectionName, typeof(AccountsOptions)),
        (SignInLimitOptions.SectionName, typeof(SignInLimitOptions)),
        (SignInThrottleOptions.SectionName, typeof(SignInThrottleOptions)),
        (SurveyRateLimitOptions.SectionName, typeof(SurveyRateLimitOptions)),
        (MailOptions.SectionName, typeof(MailOptions)),
        (SendGridOptions.SectionName, typeof(SendGridOptions)),
        (TelemetryOptions.SectionName, typeof(TelemetryOptions)),
    ];

    /// <summary>Keys the node reads straight from configuration, not through an options class (lists may be indexed).</summary>
    private static readonly string[] NodePlainKeys =
    [
        $"ConnectionStrings:{StorageOptions.ConnectionStringName}",
        $"{PublicAddress.SectionName}:KnownProxies",
        $"{PublicAddress.SectionName}:KnownNetworks",
        PublicAddress.AllowedHostsKey,
        CampaignsExtensions.BuyerNameKey,
    ];

    /// <summary>The host's own variables, read before configuration.</summary>
    private static readonly string[] HostVariables = ["ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS"];

    /// <summary>What Orleans Kubernetes hosting reads (Node:Kubernetes) from the downward API.</summary>
    public static readonly string[] KubernetesVariables =
    [
        KubernetesHostingOptions.PodNameEnvironmentVariable,
        KubernetesHostingOptions.PodNamespaceEnvironmentVariable,
        KubernetesHostingOptions.PodIPEnvironmentVariable,
    ];

    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The documents of a YAML file, with merge keys (<c>&lt;&lt;: *node</c>) applied as compose applies them.</summary>
    public static List<YamlMappingNode> LoadYaml(string path)
    {
        using var reader = new StringReader(File.ReadAllText(path));
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(reader)));
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    public static YamlNode? Get(this YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static string? Text(this YamlNode? node, string key) => (node.Get(key) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode? node, string key) =>
        node.Get(key) is YamlSequenceNode sequence ? sequence.Children : [];

    public static IEnumerable<(string Key, YamlNode Value)> Entries(this YamlNode? node, string key) =>
        node.Get(key) is YamlMappingNode map ? map.Children.Select(c => (((YamlScalarNode)c.Key).Value!, c.Value)) : [];

    /// <summary>A mapping of strings (labels, selectors, environment maps); empty when absent.</summary>
    public static Dictionary<string, string> Strings(this YamlNode? node, string key) =>
        node.Entries(key).ToDictionary(e => e.Key, e => ((YamlScalarNode)e.Value).Value ?? "", StringComparer.Ordinal);

    /// <summary>
    /// The problems with a node's configuration given as environment variables (<c>Node__SiloPort</c>); a null value is
    /// one that comes from elsewhere (a secret, the downward API) and is judged by its key alone.
    /// </summary>
    public static List<string> NodeConfigurationProblems(string where, IReadOnlyDictionary<string, string?> environment)
    {
        var problems = new List<string>();
        var keys = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in environment)
        {
            if (HostVariables.Contains(name, StringComparer.Ordinal) || KubernetesVariables.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            if (!name.Contains("__", StringComparison.Ordinal))
            {
                problems.Add($"{where}: {name} is neither a configuration key (Section__Key) nor a variable the node or Orleans reads.");
                continue;
            }

            keys[name.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        var plain = keys.Keys.Where(k => NodePlainKeys.Any(p => IsKeyOrItem(k, p))).ToList();
        var bound = keys.Where(k => !plain.Contains(k.Key)).ToList();
        foreach (var (key, _) in bound.Where(k => SectionOf(k.Key) is null))
        {
            problems.Add($"{where}: {key} is in no section the node reads ({string.Join(", ", NodeSections.Select(s => s.Section))}, or one of {string.Join(", ", NodePlainKeys)}).");
        }

        foreach (var group in bound.Where(k => SectionOf(k.Key) is not null).GroupBy(k => SectionOf(k.Key)!.Value))
        {
            problems.AddRange(BindingProblems(where, group.Key.Section, group.Key.Options, group.ToDictionary(k => k.Key, k => k.Value)));
        }

        return problems;
    }

    /// <summary>The problems with the load balancer's configuration given as environment variables.</summary>
    public static List<string> BalancerConfigurationProblems(string where, IReadOnlyDictionary<string, string?> environment)
    {
        var problems = new List<string>();
        var keys = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        const string section = "Balancer";
        foreach (var (name, value) in environment)
        {
            var key = name.Replace("__", ":", StringComparison.Ordinal);
            if (HostVariables.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            if (!key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{where}: {name} is not a key the load balancer reads (Balancer__...).");
                continue;
            }

            keys[key] = value;
        }

        problems.AddRange(BindingProblems(where, section, BalancerOptionsType, keys));
        if (problems.Count == 0)
        {
            // The balancer's own check at start: nodes that parse, sensible health-check timings.
            var read = BalancerOptionsType.GetMethod("Read", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;
            try
            {
                read.Invoke(null, [new ConfigurationBuilder().AddInMemoryCollection(keys).Build()]);
            }
            catch (TargetInvocationException e) when (e.InnerException is InvalidOperationException refused)
            {
                problems.Add($"{where}: {refused.Message}");
            }
        }

        return problems;
    }

    /// <summary>The port of the first address in an ASP.NET URL list such as <c>http://+:8080</c>.</summary>
    public static int? UrlPort(string? urls) =>
        urls is not null && PortInUrl().Match(urls) is { Success: true } match ? int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture) : null;

    /// <summary>The stages of a Dockerfile, in order.</summary>
    public static List<DockerStage> ReadDockerfile(string path)
    {
        var stages = new List<DockerStage>();
        var text = File.ReadAllText(path).Replace("\\\n", " ", StringComparison.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var instruction = line.Split(' ', 2)[0].ToUpperInvariant();
            var rest = line.Length > instruction.Length ? line[(instruction.Length + 1)..].Trim() : "";
            if (instruction == "FROM")
            {
                var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stages.Add(new DockerStage(parts.Length == 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[2] : $"#{stages.Count}", parts[0]));
                continue;
            }

            var stage = stages[^1];
            switch (instruction)
            {
                case "ENV":
                    foreach (Match pair in EnvPair().Matches(rest))
                    {
                        stage.Environment[pair.Groups["name"].Value] = pair.Groups["value"].Value;
                    }

                    break;
                case "EXPOSE":
                    stage.Exposed.AddRange(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p.Split('/')[0], CultureInfo.InvariantCulture)));
                    break;
                case "ENTRYPOINT":
                    stage.Entrypoint.AddRange(System.Text.Json.JsonSerializer.Deserialize<string[]>(rest)!);
                    break;
                case "COPY" when CopyFrom().Match(rest) is { Success: true } from:
                    stage.CopiedFrom.Add(from.Groups["stage"].Value);
                    break;
                case "RUN" when PublishCommand().Match(rest) is { Success: true } publish:
                    stage.Published.Add(publish.Groups["project"].Value);
                    break;
            }
        }

        return stages;
    }

    /// <summary>The assembly a project folder (or file) builds: its AssemblyName, else its file name.</summary>
    public static string? AssemblyOf(string project)
    {
        var file = project.EndsWith(".csproj", StringComparison.Ordinal) ? project
            : Directory.Exists(project) ? Directory.GetFiles(project, "*.csproj").SingleOrDefault() : null;
        if (file is null || !File.Exists(file))
        {
            return null;
        }

        var named = AssemblyNameElement().Match(File.ReadAllText(file));
        return named.Success ? named.Groups["name"].Value : Path.GetFileNameWithoutExtension(file);
    }

    /// <summary>Whether a path is listed in the repository's .gitignore: a file the operator makes, such as a certificate.</summary>
    public static bool IsIgnored(string relative) =>
        File.ReadAllLines(PathOf(".gitignore")).Select(l => l.Trim()).Contains(relative.Replace('\\', '/'), StringComparer.Ordinal);

    private static bool IsKeyOrItem(string key, string plain) =>
        key.Equals(plain, StringComparison.OrdinalIgnoreCase)
        || (key.StartsWith(plain + ":", StringComparison.OrdinalIgnoreCase) && int.TryParse(key[(plain.Length + 1)..], CultureInfo.InvariantCulture, out _));

    /// <summary>The longest section that holds the key ("Accounts:SignInLimit" before "Accounts").</summary>
    private static (string Section, Type Options)? SectionOf(string key)
    {
        var matches = NodeSections.Where(s => key.StartsWith(s.Section + ":", StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count == 0 ? null : matches.MaxBy(s => s.Section.Length);
    }

    /// <summary>
    /// Binds the keys of one section into its options class as the node does, but with unknown keys an error, then
    /// validates it as the node does at start when every value is known.
    /// </summary>
    private static IEnumerable<string> BindingProblems(string where, string section, Type options, Dictionary<string, string?> keys)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(keys).Build().GetSection(section);
        object? bound;
        try
        {
            bound = configuration.Get(options, o => o.ErrorOnUnknownConfiguration = true) ?? Activator.CreateInstance(options);
        }
        catch (InvalidOperationException e)
        {
            return [$"{where}: {e.Message}{(e.InnerException is { } inner ? " " + inner.Message : "")}"];
        }

        if (keys.Values.Any(v => v is null))
        {
            return [];
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(bound!, new ValidationContext(bound!), results, validateAllProperties: true);
        return results.Select(r => $"{where}: {section} is not valid: {r.ErrorMessage}");
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SupplierQuality.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No SupplierQuality.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@":(?<port>\d+)")]
    private static partial Regex PortInUrl();

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>""[^""]*""|\S+)")]
    private static partial Regex EnvPair();

    [GeneratedRegex(@"--from=(?<stage>\S+)")]
    private static partial Regex CopyFrom();

    [GeneratedRegex(@"dotnet publish (?<project>\S+)")]
    private static partial Regex PublishCommand();

    [GeneratedRegex(@"<AssemblyName>(?<name>[^<]+)</AssemblyName>")]
    private static partial Regex AssemblyNameElement();
}

/// <summary>One stage of a Dockerfile: what it is built from, its environment, ports, entry point and what it publishes or copies.</summary>
internal sealed record DockerStage(string Name, string From)
{
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public List<int> Exposed { get; } = [];

    public List<string> Entrypoint { get; } = [];

    public List<string> Published { get; } = [];

    public List<string> CopiedFrom { get; } = [];
}
