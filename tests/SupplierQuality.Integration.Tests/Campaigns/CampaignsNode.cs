using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SupplierQuality.Email.Outbox;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Questionnaires;

namespace SupplierQuality.Integration.Tests.Campaigns;

/// <summary>A supplier made for one test: its id, its name (unique, so a name filter finds only it) and its contacts' addresses.</summary>
public sealed record TestSupplier(Guid Id, string Name, IReadOnlyList<string> Emails);

/// <summary>
/// One node for the campaign page and API tests, sending through the development outbox, with API clients for a
/// quality manager and an executive. Campaigns run their batches when a test calls <see cref="ICampaignGrain.RunAsync"/>, so what
/// was sent is known when the test looks. Each test makes its own suppliers, with addresses no other test uses.
/// </summary>
public sealed partial class CampaignsNode : IAsyncLifetime
{
    public const string Collection = "Campaigns node";

    public const string BuyerName = "Acme Buying Ltd";

    private TestNode? _node;

    public TestNode Node => _node ?? throw new InvalidOperationException("The node has not started.");

    /// <summary>A quality manager's API key: reads and writes.</summary>
    public HttpClient Writer { get; private set; } = null!;

    /// <summary>An executive's API key: reads only.</summary>
    public HttpClient Reader { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _node = await TestNode.StartAsync(new Dictionary<string, string?> { ["Campaigns:BuyerName"] = BuyerName });
        Writer = await Node.CreateApiClientAsync(Roles.QualityManager);
        Reader = await Node.CreateApiClientAsync(Roles.Executive);
    }

    public async ValueTask DisposeAsync()
    {
        Writer?.Dispose();
        Reader?.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    public Task<HttpClient> SignedInManagerAsync() => Node.CreateSignedInClientAsync(Roles.QualityManager);

    /// <summary>Active suppliers, one per entry with that many contacts; their names start with <paramref name="tag"/> when given.</summary>
    public async Task<List<TestSupplier>> SuppliersAsync(string? tag, params int[] contactsPerSupplier)
    {
        var suppliers = new List<TestSupplier>();
        foreach (var count in contactsPerSupplier)
        {
            var id = Guid.NewGuid();
            var unique = id.ToString("N")[..8];
            var name = $"{tag ?? "Supplier"} {unique}";
            var contacts = Enumerable.Range(1, count).Select(i => new SupplierContact($"Contact {i}", $"contact{i}@{unique}.test")).ToList();
            var created = await Node.Grains.GetGrain<ISupplierGrain>(id).CreateAsync(new CreateSupplier(
                new SupplierProfile(name, "castings", null, SupplierStatus.Active, contacts)));
            Assert.Equal(CommandOutcome.Created, created.Outcome);
            suppliers.Add(new TestSupplier(id, name, [.. contacts.Select(c => c.Email)]));
        }

        return suppliers;
    }

    /// <summary>A published questionnaire with one question of each kind; returns its id and title.</summary>
    public async Task<(Guid Id, string Title)> QuestionnaireAsync()
    {
        var id = Guid.NewGuid();
        var title = "Campaign survey " + id.ToString("N")[..8];
        var questionnaire = Node.Grains.GetGrain<IQuestionnaireGrain>(id);
        Assert.Equal(CommandOutcome.Created, (await questionnaire.CreateAsync(new CreateQuestionnaire(QuestionnairesNode.EveryKind(title)))).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await questionnaire.PublishAsync(new PublishDraft(1))).Outcome);
        return (id, title);
    }

    /// <summary>A draft of chosen suppliers made through the grain, for tests about what comes after creating one.</summary>
    public async Task<ICampaignGrain> DraftAsync(IEnumerable<TestSupplier> suppliers, string name = "Grain-made campaign")
    {
        var (questionnaireId, _) = await QuestionnaireAsync();
        var campaign = Node.Grains.GetGrain<ICampaignGrain>(Guid.NewGuid());
        var created = await campaign.CreateAsync(new CampaignDefinition(
            name, questionnaireId, 1, AudienceKind.Chosen, null, [.. suppliers.Select(s => s.Id)], [], null,
            DateTimeOffset.UtcNow.AddDays(10), [3], "{{supplier_name}}: a survey", "Dear {{contact_name}}, please answer.", BuyerName));
        Assert.Equal(CommandOutcome.Created, created.Outcome);
        return campaign;
    }

    /// <summary>A launched campaign whose invitations have gone out.</summary>
    public async Task<ICampaignGrain> LaunchedAsync(IEnumerable<TestSupplier> suppliers, string name = "Grain-made campaign")
    {
        var campaign = await DraftAsync(suppliers, name);
        Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);
        await campaign.RunAsync();
        return campaign;
    }

    /// <summary>The outbox's messages to these addresses (other tests write to the same outbox).</summary>
    public async Task<List<OutboxMessage>> MailToAsync(IEnumerable<string> emails)
    {
        var wanted = emails.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var page = await Node.Services.GetRequiredService<OutboxReader>().ListAsync(0, int.MaxValue, TestContext.Current.CancellationToken);
        return [.. page.Messages.Where(m => wanted.Contains(m.To.Email))];
    }

    /// <summary>The link token in an email's text body.</summary>
    public static string TokenIn(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var match = SurveyLink().Match(message.TextBody);
        Assert.True(match.Success, $"No survey link in: {message.TextBody}");
        return match.Groups[1].Value;
    }

    /// <summary>The link token for one supplier in an evaluator's digest ("{supplier}: state" and the link on the next line).</summary>
    public static string TokenIn(OutboxMessage digest, string supplierName)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var match = Regex.Match(digest.TextBody, $@"^{Regex.Escape(supplierName)}(?: \(new\))?: [^\n]+\n\S*/s/([A-Za-z0-9_-]+)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"No link for {supplierName} in: {digest.TextBody}");
        return match.Groups[1].Value;
    }

    /// <summary>A <c>datetime-local</c> value, as a browser posts it, this far from now (UTC).</summary>
    public static string LocalInput(TimeSpan fromNow) =>
        DateTime.UtcNow.Add(fromNow).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Polls until <paramref name="condition"/> holds: counters follow a supplier's reports, which are one-way.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    [GeneratedRegex("/s/([A-Za-z0-9_-]+)")]
    private static partial Regex SurveyLink();
}

[CollectionDefinition(CampaignsNode.Collection)]
public sealed class CampaignsNodeDefinition : ICollectionFixture<CampaignsNode>;
