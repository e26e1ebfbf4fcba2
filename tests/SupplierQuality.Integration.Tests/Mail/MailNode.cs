using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SupplierQuality.Email.SendGrid;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Questionnaires;

namespace SupplierQuality.Integration.Tests.Mail;

/// <summary>One issued invitation: its link token, its grain key (the invitation_id custom arg) and its address.</summary>
public sealed record IssuedInvitation(string Token, string Key, string Email, Guid SupplierId);

/// <summary>
/// A node that sends through the development outbox and trusts webhook posts signed by <see cref="Sign"/>'s key,
/// as SendGrid signs them. Suppression is per address for the whole node, so every invitation gets its own address.
/// </summary>
public sealed class MailNode : IAsyncLifetime
{
    public const string Collection = "Mail node";

    public const string BuyerName = "Acme Buying Ltd";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private TestNode? _node;
    private Guid _questionnaireId;

    public TestNode Node => _node ?? throw new InvalidOperationException("The node has not started.");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["SendGrid:WebhookPublicKey"] = Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo()),
        });
        _questionnaireId = Guid.NewGuid();
        var questionnaire = Node.Grains.GetGrain<IQuestionnaireGrain>(_questionnaireId);
        Assert.Equal(CommandOutcome.Created, (await questionnaire.CreateAsync(new CreateQuestionnaire(QuestionnairesNode.EveryKind()))).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await questionnaire.PublishAsync(new PublishDraft(1))).Outcome);
    }

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        _key.Dispose();
    }

    /// <summary>A fresh address at the supplier, so no test sees another's suppression.</summary>
    public static string NewEmail() => $"dana-{Guid.NewGuid():N}@supplier.test";

    /// <summary>Issues an invitation to <paramref name="email"/> (default: a fresh address) about <paramref name="supplierId"/>.</summary>
    public async Task<IssuedInvitation> IssueAsync(string? email = null, Guid? supplierId = null)
    {
        var token = InvitationToken.New();
        var invitation = new IssuedInvitation(token, InvitationToken.Hash(token), email ?? NewEmail(), supplierId ?? Guid.NewGuid());
        var issued = await Grain(invitation).IssueAsync(new IssueInvitation(
            Guid.Empty,
            invitation.SupplierId,
            "Dana Supplier",
            invitation.Email,
            _questionnaireId,
            1,
            BuyerName,
            "Supplier survey 2025",
            DateTimeOffset.UtcNow.AddDays(14)));
        Assert.Equal(InvitationOutcome.Created, issued.Outcome);
        return invitation;
    }

    /// <summary>A supplier with one contact at a fresh address, and an invitation to that contact.</summary>
    public async Task<IssuedInvitation> IssueToSupplierContactAsync()
    {
        var supplierId = Guid.NewGuid();
        var email = NewEmail();
        var created = await Node.Grains.GetGrain<ISupplierGrain>(supplierId).CreateAsync(new CreateSupplier(
            new SupplierProfile("Bolt & Nut Ltd", null, null, SupplierStatus.Active, [new SupplierContact("Dana Supplier", email)])));
        Assert.Equal(CommandOutcome.Created, created.Outcome);
        return await IssueAsync(email, supplierId);
    }

    public IInvitationGrain Grain(IssuedInvitation invitation) => Node.Grains.GetGrain<IInvitationGrain>(invitation.Key);

    /// <summary>
    /// One event as SendGrid posts it, with the custom args the sender adds. <paramref name="fields"/> adds or replaces
    /// fields (a null value removes one).
    /// </summary>
    public static Dictionary<string, object?> Event(string type, IssuedInvitation invitation, params (string Name, object? Value)[] fields) =>
        Event(type, invitation.Email, invitation.Key, fields);

    public static Dictionary<string, object?> Event(string type, string email, string? invitationId, params (string Name, object? Value)[] fields)
    {
        var e = new Dictionary<string, object?>
        {
            ["email"] = email,
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["event"] = type,
            ["sg_event_id"] = Guid.NewGuid().ToString("N"),
            ["sg_message_id"] = "msg1.filter0001.1",
            ["sq_message_id"] = $"{invitationId}.invite",
            ["invitation_id"] = invitationId,
        };
        foreach (var (name, value) in fields)
        {
            e[name] = value;
        }

        return e.Where(f => f.Value is not null).ToDictionary();
    }

    public static string Body(params Dictionary<string, object?>[] events) => JsonSerializer.Serialize(events);

    /// <summary>As SendGrid signs: ECDSA P-256 with SHA-256 over timestamp + body, the DER signature in base64.</summary>
    public (string Signature, string Timestamp) Sign(string body, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = _key.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return (Convert.ToBase64String(signature), timestamp);
    }

    /// <summary>Posts <paramref name="body"/> to the webhook, signed now unless told otherwise.</summary>
    public Task<HttpResponseMessage> PostEventsAsync(string body, DateTimeOffset? signedAt = null, string? signedBody = null)
    {
        var (signature, timestamp) = Sign(signedBody ?? body, signedAt ?? DateTimeOffset.UtcNow);
        return PostAsync(Node, body, signature, timestamp);
    }

    /// <summary>Posts to the webhook of any node with exactly these headers (null leaves one out).</summary>
    public static async Task<HttpResponseMessage> PostAsync(TestNode node, string body, string? signature, string? timestamp)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var client = node.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/sendgrid") { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        // The body waits for the node's go-ahead, so a body refused unread gets its status back instead of a broken pipe.
        request.Headers.ExpectContinue = true;
        if (signature is not null)
        {
            request.Headers.Add(SendGridEventWebhook.SignatureHeader, signature);
        }

        if (timestamp is not null)
        {
            request.Headers.Add(SendGridEventWebhook.TimestampHeader, timestamp);
        }

        return await client.SendAsync(request, Cancel);
    }
}

[CollectionDefinition(MailNode.Collection)]
public sealed class MailNodeDefinition : ICollectionFixture<MailNode>;
