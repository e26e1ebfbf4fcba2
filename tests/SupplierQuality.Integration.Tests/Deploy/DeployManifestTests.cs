using System.Text.RegularExpressions;
using Orleans.Hosting.Kubernetes;
using SupplierQuality.Web.Health;
using SupplierQuality.Web.Hosting;
using YamlDotNet.RepresentationModel;
using static SupplierQuality.Integration.Tests.Deploy.DeploymentFiles;

namespace SupplierQuality.Integration.Tests.Deploy;

/// <summary>
/// No CI here runs a container engine or a Kubernetes cluster, so the deployment files are checked against what they
/// name: each configuration key is bound into the node's (or the balancer's) real options classes with unknown keys an
/// error, each file and build stage exists, each port is the one the image listens on, and labels, probes, secrets and
/// roles agree with each other, with the node's routes and commands, and with the README that creates the secrets.
/// </summary>
public sealed partial class DeployManifestTests
{
    private const string ComposeFile = "deploy/docker/compose.yaml";
    private const string KubernetesFolder = "deploy/kubernetes";

    /// <summary>What Orleans Kubernetes hosting does to pods (read, label, list, watch); it deletes none unless asked to.</summary>
    private static readonly string[] PodVerbs = ["get", "list", "watch", "patch"];

    private static YamlMappingNode ComposeServices => (YamlMappingNode)LoadYaml(PathOf(ComposeFile))[0].Get("services")!;

    [Fact]
    public void The_Dockerfile_publishes_projects_that_exist_and_runs_the_assemblies_they_build()
    {
        var problems = new List<string>();
        var stages = ReadDockerfile(PathOf("deploy/docker/Dockerfile"));
        foreach (var stage in stages.Where(s => s.Entrypoint.Count > 0))
        {
            var built = stage.CopiedFrom.Select(from => stages.SingleOrDefault(s => s.Name == from)).ToList();
            if (built.Contains(null) || built.Count == 0)
            {
                problems.Add($"Stage {stage.Name} copies from a stage that is not in the Dockerfile: {string.Join(", ", stage.CopiedFrom)}.");
                continue;
            }

            var assemblies = built.SelectMany(b => b!.Published).Select(p => AssemblyOf(PathOf(p)) ?? $"(no project at {p})").ToList();
            var dll = stage.Entrypoint.LastOrDefault(a => a.EndsWith(".dll", StringComparison.Ordinal));
            if (dll is null || !assemblies.Contains(Path.GetFileNameWithoutExtension(dll)))
            {
                problems.Add($"Stage {stage.Name} runs {dll ?? "no dll"}, but its build stage publishes {string.Join(", ", assemblies)}.");
            }

            if (UrlPort(stage.Environment.GetValueOrDefault("ASPNETCORE_URLS")) is not { } port || !stage.Exposed.Contains(port))
            {
                problems.Add($"Stage {stage.Name} listens on {stage.Environment.GetValueOrDefault("ASPNETCORE_URLS")} but exposes {string.Join(", ", stage.Exposed)}.");
            }
        }

        var node = Stage(stages, "node");
        Assert.Same(node, stages[^1]);
        Assert.Contains(new NodeOptions().SiloPort, node.Exposed);
        Assert.Contains(Stage(stages, "loadbalancer"), stages);
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_environment_variable_in_the_compose_file_is_a_key_its_process_reads()
    {
        var problems = new List<string>();
        foreach (var (name, service) in Services())
        {
            var environment = service.Strings("environment").ToDictionary(e => e.Key, e => (string?)e.Value);
            problems.AddRange(service.Get("build").Text("target") switch
            {
                "node" => NodeConfigurationProblems($"{ComposeFile} {name}", environment),
                "loadbalancer" => BalancerConfigurationProblems($"{ComposeFile} {name}", environment),
                null => [],
                var target => [$"{ComposeFile} {name} builds stage {target}, which is neither the node nor the load balancer."],
            });
        }

        Assert.Empty(problems);
        Assert.Contains(Services(), s => s.Service.Get("build").Text("target") == "node");
        Assert.Contains(Services(), s => s.Service.Get("build").Text("target") == "loadbalancer");
    }

    [Fact]
    public void The_compose_file_names_files_stages_services_addresses_and_ports_that_exist()
    {
        var compose = LoadYaml(PathOf(ComposeFile))[0];
        var composeFolder = Path.GetDirectoryName(PathOf(ComposeFile))!;
        var problems = new List<string>();
        var services = Services().ToDictionary(s => s.Name, s => s.Service);
        var stagesOf = new Dictionary<string, DockerStage>();
        foreach (var (name, service) in services)
        {
            if (service.Get("build") is not { } build)
            {
                continue;
            }

            var context = Path.GetFullPath(Path.Combine(composeFolder, build.Text("context") ?? "."));
            var dockerfile = Path.Combine(context, build.Text("dockerfile") ?? "Dockerfile");
            if (!File.Exists(dockerfile))
            {
                problems.Add($"{name}: no Dockerfile at {dockerfile}.");
                continue;
            }

            var target = build.Text("target");
            var stages = ReadDockerfile(dockerfile);
            if (stages.SingleOrDefault(s => s.Name == (target ?? stages[^1].Name)) is not { } stage)
            {
                problems.Add($"{name}: the Dockerfile has no stage {target}.");
                continue;
            }

            stagesOf[name] = stage;
        }

        var nodes = stagesOf.Where(s => s.Value.Name == "node").Select(s => s.Key).ToList();
        var nodePort = UrlPort(stagesOf[nodes[0]].Environment["ASPNETCORE_URLS"]);
        foreach (var (name, service) in services)
        {
            var environment = service.Strings("environment");
            foreach (var dependency in service.Items("depends_on").OfType<YamlScalarNode>().Select(d => d.Value!)
                .Concat(service.Entries("depends_on").Select(d => d.Key)))
            {
                if (!services.ContainsKey(dependency))
                {
                    problems.Add($"{name} depends on {dependency}, which is not a service.");
                }
            }

            foreach (var mapping in service.Items("ports").OfType<YamlScalarNode>().Select(p => p.Value!))
            {
                var inside = int.Parse(mapping.Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture);
                if (stagesOf.TryGetValue(name, out var stage) && UrlPort(stage.Environment.GetValueOrDefault("ASPNETCORE_URLS")) != inside)
                {
                    problems.Add($"{name} publishes container port {inside}, but its image listens on {stage.Environment.GetValueOrDefault("ASPNETCORE_URLS")}.");
                }
            }

            foreach (var volume in service.Items("volumes").OfType<YamlScalarNode>().Select(v => v.Value!.Split(':')[0]))
            {
                if (!volume.StartsWith('.') && !volume.StartsWith('/') && !compose.Entries("volumes").Any(v => v.Key == volume))
                {
                    problems.Add($"{name} mounts the volume {volume}, which is not declared.");
                }
            }

            if (environment.GetValueOrDefault("Balancer__Nodes") is { } balanced)
            {
                foreach (var address in balanced.Split(',', StringSplitOptions.TrimEntries).Select(a => new Uri(a)))
                {
                    if (!nodes.Contains(address.Host) || address.Port != nodePort)
                    {
                        problems.Add($"{name} sends requests to {address}, but the nodes are {string.Join(", ", nodes)} on port {nodePort}.");
                    }
                }

                var missing = nodes.Where(n => !balanced.Contains($"//{n}:", StringComparison.Ordinal)).ToList();
                if (missing.Count > 0)
                {
                    problems.Add($"{name} leaves out the nodes {string.Join(", ", missing)}.");
                }
            }

            if (environment.GetValueOrDefault("Node__ForwardedHeaders__KnownProxies") is { } proxies)
            {
                var balancers = services.Where(s => s.Value.Strings("environment").ContainsKey("Balancer__Nodes"))
                    .SelectMany(s => s.Value.Entries("networks").Select(n => n.Value.Text("ipv4_address"))).OfType<string>().ToList();
                if (!proxies.Split(',', StringSplitOptions.TrimEntries).All(balancers.Contains) || balancers.Count == 0)
                {
                    problems.Add($"{name} believes forwarded headers from {proxies}, but the load balancer's fixed addresses are {string.Join(", ", balancers)}.");
                }
            }

            if (environment.GetValueOrDefault("Node__CertificatePath") is { } certificate)
            {
                var secrets = service.Items("secrets").OfType<YamlScalarNode>().Select(s => s.Value!).ToList();
                var secret = secrets.SingleOrDefault(s => certificate == $"/run/secrets/{s}");
                var file = secret is null ? null : compose.Get("secrets").Get(secret).Text("file");
                var relative = file is null ? null : Path.GetRelativePath(Root, Path.GetFullPath(Path.Combine(composeFolder, file)));
                if (relative is null || (!File.Exists(PathOf(relative)) && !IsIgnored(relative)))
                {
                    problems.Add($"{name} reads its certificate from {certificate}, which is not one of its secrets ({string.Join(", ", secrets)}) with a file that exists or that the operator makes (listed in .gitignore).");
                }
            }
        }

        if (nodes.Count < 2)
        {
            problems.Add($"The compose file runs {nodes.Count} node(s): a cluster needs two.");
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Every_environment_variable_of_the_nodes_in_Kubernetes_is_a_key_the_node_reads()
    {
        var problems = new List<string>();
        foreach (var (kind, name, container) in Containers())
        {
            var where = $"{kind} {name}, container {container.Text("name")}";
            problems.AddRange(NodeConfigurationProblems(where, Environment(container)));
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void The_Kubernetes_manifests_agree_on_labels_ports_probes_secrets_and_roles()
    {
        var problems = new List<string>();
        var documents = KubernetesDocuments();
        var kustomization = LoadYaml(PathOf($"{KubernetesFolder}/kustomization.yaml"))[0];
        var listed = kustomization.Items("resources").OfType<YamlScalarNode>().Select(r => r.Value!).ToList();
        var files = Directory.GetFiles(PathOf(KubernetesFolder), "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml").ToList();
        problems.AddRange(files.Except(listed).Select(f => $"{f} is not among the kustomization's resources."));
        problems.AddRange(listed.Except(files).Select(f => $"The kustomization lists {f}, which does not exist."));

        var deployment = documents.Single(d => d.Text("kind") == "Deployment");
        var template = deployment.Get("spec").Get("template")!;
        var podLabels = template.Get("metadata").Strings("labels");
        var pod = template.Get("spec")!;
        var container = pod.Items("containers").Single();
        var environment = Environment(container);
        var ports = container.Items("ports").ToDictionary(p => p.Text("name")!, p => int.Parse(p.Text("containerPort")!, System.Globalization.CultureInfo.InvariantCulture));
        var node = ReadDockerfile(PathOf("deploy/docker/Dockerfile"))[^1];

        if (!Matches(deployment.Get("spec").Get("selector").Strings("matchLabels"), podLabels))
        {
            problems.Add("The Deployment's selector does not select its own pods.");
        }

        foreach (var selecting in documents.Where(d => d.Text("kind") is "Service" or "PodDisruptionBudget"))
        {
            var selector = selecting.Text("kind") == "Service" ? selecting.Get("spec").Strings("selector") : selecting.Get("spec").Get("selector").Strings("matchLabels");
            if (selector.Count == 0 || !Matches(selector, podLabels))
            {
                problems.Add($"{selecting.Text("kind")} {selecting.Get("metadata").Text("name")} does not select the nodes' pods.");
            }
        }

        foreach (var other in documents.Where(d => d != deployment && d.Get("spec").Get("template").Get("metadata") is { } m && Matches(deployment.Get("spec").Get("selector").Strings("matchLabels"), m.Strings("labels"))))
        {
            problems.Add($"The pods of {other.Text("kind")} {other.Get("metadata").Text("name")} carry the nodes' labels, so the Service would send them requests.");
        }

        var service = documents.Single(d => d.Text("kind") == "Service");
        foreach (var target in service.Get("spec").Items("ports").Select(p => p.Text("targetPort")!))
        {
            if (!ports.ContainsKey(target) && !ports.ContainsValue(int.TryParse(target, out var number) ? number : -1))
            {
                problems.Add($"The Service sends to port {target}, which the nodes' container does not declare.");
            }
        }

        if (ports.GetValueOrDefault("http") != (UrlPort(environment.GetValueOrDefault("ASPNETCORE_URLS")) ?? UrlPort(node.Environment["ASPNETCORE_URLS"])))
        {
            problems.Add($"The container port http is {ports.GetValueOrDefault("http")}, but the node listens on {node.Environment["ASPNETCORE_URLS"]}.");
        }

        var siloPort = int.TryParse(environment.GetValueOrDefault("Node__SiloPort"), out var configured) ? configured : new NodeOptions().SiloPort;
        if (ports.GetValueOrDefault("silo") != siloPort)
        {
            problems.Add($"The container port silo is {ports.GetValueOrDefault("silo")}, but the silo listens on {siloPort} (Node:SiloPort).");
        }

        // Prometheus finds the management port by the pods' annotations; the Service, which the Ingress uses, must not reach it.
        var metricsPort = environment.GetValueOrDefault("Telemetry__MetricsPort");
        var annotations = template.Get("metadata").Strings("annotations");
        if (metricsPort is null || $"{ports.GetValueOrDefault("metrics")}" != metricsPort || annotations.GetValueOrDefault("prometheus.io/port") != metricsPort)
        {
            problems.Add($"The metrics port is {metricsPort ?? "not set"} (Telemetry__MetricsPort), the container's {ports.GetValueOrDefault("metrics")}, the scrape annotation's {annotations.GetValueOrDefault("prometheus.io/port")}.");
        }

        if (service.Get("spec").Items("ports").Any(p => p.Text("targetPort") is "metrics" || p.Text("targetPort") == metricsPort))
        {
            problems.Add("The Service reaches the metrics port, which serves /metrics without credentials.");
        }

        foreach (var (probe, path) in new[] { ("startupProbe", HealthEndpoints.LivePath), ("livenessProbe", HealthEndpoints.LivePath), ("readinessProbe", HealthEndpoints.ReadyPath) })
        {
            var get = container.Get(probe).Get("httpGet");
            if (get.Text("path") != path || get.Text("port") is not { } port || ports.GetValueOrDefault(port) != ports["http"])
            {
                problems.Add($"The {probe} asks {get.Text("path")} on port {get.Text("port")}; the node answers {path} on port http.");
            }
        }

        if (container.Get("resources").Get("requests") is null || container.Get("resources").Get("limits") is null)
        {
            problems.Add("The nodes' container has no resource requests or limits.");
        }

        var image = container.Text("image");
        if (!kustomization.Items("images").Any(i => i.Text("name") == image))
        {
            problems.Add($"The nodes run the image {image}, which the kustomization does not set.");
        }

        if (environment.GetValueOrDefault("Node__Kubernetes") == "true")
        {
            problems.AddRange(KubernetesVariables.Take(2).Where(v => !environment.ContainsKey(v)).Select(v => $"Node__Kubernetes is on, but {v} is not given."));
            var ids = (environment.GetValueOrDefault("Node__ClusterId") ?? new NodeOptions().ClusterId, environment.GetValueOrDefault("Node__ServiceId") ?? new NodeOptions().ServiceId);
            if ((podLabels.GetValueOrDefault(KubernetesHostingOptions.ClusterIdLabel), podLabels.GetValueOrDefault(KubernetesHostingOptions.ServiceIdLabel)) != ids)
            {
                problems.Add($"The pods' Orleans labels are not the node's ClusterId and ServiceId {ids}.");
            }

            problems.AddRange(RoleProblems(documents, pod.Text("serviceAccountName"), kustomization.Text("namespace")));
        }

        problems.AddRange(SecretProblems(pod, container));
        Assert.Empty(problems);
    }

    [Fact]
    public void The_migration_job_runs_a_command_of_the_node_on_the_nodes_image()
    {
        var documents = KubernetesDocuments();
        var job = documents.Single(d => d.Text("kind") == "Job");
        var container = job.Get("spec").Get("template").Get("spec").Items("containers").Single();
        var arguments = container.Items("args").OfType<YamlScalarNode>().Select(a => a.Value!).ToArray();
        var nodes = documents.Single(d => d.Text("kind") == "Deployment").Get("spec").Get("template").Get("spec").Items("containers").Single();

        Assert.NotNull(NodeCommands.Find(arguments));
        Assert.Equal("migrate", arguments[0]);
        Assert.Equal(nodes.Text("image"), container.Text("image"));
        Assert.Contains("ConnectionStrings__SupplierQuality", Environment(container).Keys);
    }

    [Fact]
    public void A_misspelt_key_a_value_of_the_wrong_type_and_a_bad_node_address_are_caught()
    {
        Assert.Contains("CertificatPath", string.Join(" ", NodeConfigurationProblems("test", new Dictionary<string, string?> { ["Node__CertificatPath"] = "/x" })), StringComparison.Ordinal);
        Assert.Contains("Node:SiloPort", string.Join(" ", NodeConfigurationProblems("test", new Dictionary<string, string?> { ["Node__SiloPort"] = "eleven" })), StringComparison.Ordinal);
        Assert.NotEmpty(NodeConfigurationProblems("test", new Dictionary<string, string?> { ["Nodes__SiloPort"] = "11111" }));
        Assert.NotEmpty(NodeConfigurationProblems("test", new Dictionary<string, string?> { ["Campaigns__PublicBaseUrl"] = "not a url" }));
        Assert.NotEmpty(NodeConfigurationProblems("test", new Dictionary<string, string?> { ["NODE_SILOPORT"] = "11111" }));
        Assert.Empty(NodeConfigurationProblems("test", new Dictionary<string, string?> { ["Node__ForwardedHeaders__KnownProxies__0"] = "10.0.0.5", ["Campaigns__BuyerName"] = "Acme" }));
        Assert.NotEmpty(BalancerConfigurationProblems("test", new Dictionary<string, string?> { ["Balancer__Nodes"] = "node1:8080" }));
        Assert.NotEmpty(BalancerConfigurationProblems("test", new Dictionary<string, string?> { ["Balancer__Node"] = "http://node1:8080" }));
        Assert.Empty(BalancerConfigurationProblems("test", new Dictionary<string, string?> { ["Balancer__Nodes"] = "http://node1:8080" }));
    }

    private static IEnumerable<(string Name, YamlMappingNode Service)> Services() =>
        ComposeServices.Children.Select(c => (((YamlScalarNode)c.Key).Value!, (YamlMappingNode)c.Value));

    private static DockerStage Stage(List<DockerStage> stages, string name) =>
        stages.SingleOrDefault(s => s.Name == name) ?? throw new InvalidOperationException($"The Dockerfile has no stage {name}.");

    private static List<YamlMappingNode> KubernetesDocuments() =>
        [.. Directory.GetFiles(PathOf(KubernetesFolder), "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml").SelectMany(LoadYaml)];

    /// <summary>Every container of every workload in the manifests.</summary>
    private static IEnumerable<(string Kind, string Name, YamlNode Container)> Containers() =>
        KubernetesDocuments()
            .Where(d => d.Get("spec").Get("template") is not null)
            .SelectMany(d => d.Get("spec").Get("template").Get("spec").Items("containers").Select(c => (d.Text("kind")!, d.Get("metadata").Text("name")!, c)));

    /// <summary>A container's environment: its ConfigMaps' keys, then its own variables (null where the value comes from elsewhere).</summary>
    private static Dictionary<string, string?> Environment(YamlNode container)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        var maps = KubernetesDocuments().Where(d => d.Text("kind") == "ConfigMap").ToDictionary(d => d.Get("metadata").Text("name")!);
        foreach (var source in container.Items("envFrom"))
        {
            var name = source.Get("configMapRef").Text("name")!;
            foreach (var (key, value) in maps.TryGetValue(name, out var map) ? map.Strings("data") : throw new InvalidOperationException($"No ConfigMap {name} in the manifests."))
            {
                environment[key] = value;
            }
        }

        foreach (var variable in container.Items("env"))
        {
            environment[variable.Text("name")!] = variable.Text("value");
        }

        return environment;
    }

    private static bool Matches(Dictionary<string, string> selector, Dictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(s => labels.GetValueOrDefault(s.Key) == s.Value);

    /// <summary>The pods' service account exists and is bound, in the namespace the manifests are applied to, to a role that may do to pods what Orleans does.</summary>
    private static IEnumerable<string> RoleProblems(List<YamlMappingNode> documents, string? account, string? @namespace)
    {
        if (account is null || !documents.Any(d => d.Text("kind") == "ServiceAccount" && d.Get("metadata").Text("name") == account))
        {
            yield return $"The nodes run as service account {account ?? "(default)"}, which the manifests do not make.";
            yield break;
        }

        var bindings = documents.Where(d => d.Text("kind") == "RoleBinding"
            && d.Items("subjects").Any(s => s.Text("kind") == "ServiceAccount" && s.Text("name") == account && s.Text("namespace") == @namespace)).ToList();
        var roles = bindings.Select(b => documents.SingleOrDefault(d => d.Text("kind") == "Role" && d.Get("metadata").Text("name") == b.Get("roleRef").Text("name"))).OfType<YamlMappingNode>();
        var verbs = roles.SelectMany(r => r.Items("rules"))
            .Where(rule => rule.Items("resources").OfType<YamlScalarNode>().Any(r => r.Value == "pods"))
            .SelectMany(rule => rule.Items("verbs").OfType<YamlScalarNode>().Select(v => v.Value!)).ToHashSet();
        if (!PodVerbs.All(verbs.Contains))
        {
            yield return $"The service account {account} (namespace {@namespace}) may do [{string.Join(", ", verbs)}] to pods; Orleans Kubernetes hosting needs [{string.Join(", ", PodVerbs)}].";
        }
    }

    /// <summary>
    /// Every secret the nodes read is created by the README's commands with the key read, and the certificate path lies
    /// in a mounted secret as the file the README puts in it.
    /// </summary>
    private static IEnumerable<string> SecretProblems(YamlNode pod, YamlNode container)
    {
        var readme = File.ReadAllText(PathOf($"{KubernetesFolder}/README.md"));
        var created = SecretCommand().Matches(readme).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["rest"].Value);
        foreach (var reference in container.Items("env").Select(e => e.Get("valueFrom").Get("secretKeyRef")).OfType<YamlMappingNode>())
        {
            var (name, key) = (reference.Text("name")!, reference.Text("key")!);
            if (!created.TryGetValue(name, out var arguments) || !arguments.Contains($"--from-literal={key}=", StringComparison.Ordinal))
            {
                yield return $"The nodes read key {key} of secret {name}, which no kubectl create secret line in the README makes.";
            }
        }

        var path = Environment(container).GetValueOrDefault("Node__CertificatePath");
        var mount = container.Items("volumeMounts").SingleOrDefault(m => path is not null && path.StartsWith(m.Text("mountPath") + "/", StringComparison.Ordinal));
        var volume = pod.Items("volumes").SingleOrDefault(v => mount is not null && v.Text("name") == mount.Text("name"));
        var secret = volume.Get("secret").Text("secretName");
        if (secret is null || !created.TryGetValue(secret, out var made) || !made.Contains($"--from-file={Path.GetFileName(path)}", StringComparison.Ordinal))
        {
            yield return $"Node__CertificatePath is {path}, which is not a file of a mounted secret that the README creates.";
        }
    }

    [GeneratedRegex(@"create secret generic (?<name>[a-z0-9-]+)(?<rest>[^\n]*)")]
    private static partial Regex SecretCommand();
}
