using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace SupplierQuality.Web.Hosting;

/// <summary>
/// The certificate a node presents to the other nodes of its cluster, and the rule by which it trusts theirs.
/// Silo-to-silo connections are mutual TLS: a process without the cluster's certificate (or one issued by the
/// configured authority) cannot join the cluster or call a grain.
/// </summary>
internal static class NodeCertificate
{
    public const string FileName = "node-certificate.pem";

    /// <summary>The line an operator runs to make a cluster certificate; shown when one is missing.</summary>
    public const string MakeOneCommand =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj /CN=supplierquality-cluster "
        + "-addext extendedKeyUsage=serverAuth,clientAuth -keyout cluster.key -out cluster.crt && cat cluster.crt cluster.key > cluster.pem";

    /// <summary>
    /// The configured certificate; else, for one node on its own (SQLite or memory), one it makes itself: kept
    /// beside the database file, readable by its owner only, so it stays the same across restarts.
    /// </summary>
    public static X509Certificate2 Resolve(NodeOptions node, NodeStorage storage)
    {
        if (!string.IsNullOrWhiteSpace(node.CertificatePem))
        {
            return Load(() => X509Certificate2.CreateFromPem(node.CertificatePem, node.CertificatePem), "Node:CertificatePem");
        }

        if (!string.IsNullOrWhiteSpace(node.CertificatePath))
        {
            return Load(() => LoadFile(node.CertificatePath, node.CertificatePassword), $"Node:CertificatePath '{node.CertificatePath}'");
        }

        return storage.Provider switch
        {
            StorageProvider.PostgreSql => throw new InvalidOperationException(
                "In PostgreSQL mode every node must present the cluster's certificate to the others, and none is configured. "
                + "Make one for the whole cluster and give it to every node, as a file (Node:CertificatePath, PEM with its key, or PFX "
                + "with Node:CertificatePassword) or as PEM text from a secret (Node:CertificatePem). To make one: " + MakeOneCommand),
            StorageProvider.Sqlite => LoadOrCreateBeside(storage.SqliteFile!),
            _ => Create(),
        };
    }

    /// <summary>
    /// Mutual TLS on every silo connection (and on a gateway, if an operator opened one). A peer is trusted when it
    /// presents this node's own certificate (one certificate shared by the cluster), or, with Node:TrustedCaPath, a
    /// certificate issued by that authority.
    /// </summary>
    public static void Configure(TlsOptions options, X509Certificate2 certificate, NodeOptions node)
    {
        var authority = string.IsNullOrWhiteSpace(node.TrustedCaPath)
            ? null
            : Load(() => X509CertificateLoader.LoadCertificateFromFile(node.TrustedCaPath), $"Node:TrustedCaPath '{node.TrustedCaPath}'", needsKey: false);
        options.LocalCertificate = certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (remote, _, _) => IsTrusted(remote, certificate, authority);
    }

    public static bool IsTrusted(X509Certificate2 remote, X509Certificate2 own, X509Certificate2? authority)
    {
        if (remote.RawDataMemory.Span.SequenceEqual(own.RawDataMemory.Span))
        {
            return true;
        }

        if (authority is null)
        {
            return false;
        }

        // Only the configured authority counts, never the machine's store; host names do not matter between nodes.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(remote);
    }

    private static X509Certificate2 LoadOrCreateBeside(string databaseFile)
    {
        var path = Path.Combine(Path.GetDirectoryName(databaseFile)!, FileName);
        if (File.Exists(path))
        {
            return Load(() => X509Certificate2.CreateFromPemFile(path), path);
        }

        using var created = Create();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new StreamWriter(path, options))
        {
            file.Write(created.ExportCertificatePem() + "\n" + created.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
        }

        return X509Certificate2.CreateFromPemFile(path);
    }

    private static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=SupplierQuality node", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
    }

    private static X509Certificate2 LoadFile(string path, string? password) =>
        Path.GetExtension(path).ToUpperInvariant() is ".PFX" or ".P12"
            ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
            : X509Certificate2.CreateFromPemFile(path);

    private static X509Certificate2 Load(Func<X509Certificate2> load, string source, bool needsKey = true)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = load();
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException($"The node certificate from {source} could not be read: {e.Message}", e);
        }

        return certificate.HasPrivateKey || !needsKey
            ? certificate
            : throw new InvalidOperationException($"The node certificate from {source} has no private key: put the key in the same PEM, or use a PFX.");
    }
}
