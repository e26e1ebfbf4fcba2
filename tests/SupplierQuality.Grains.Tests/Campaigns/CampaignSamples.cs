using System.Text.RegularExpressions;
using SupplierQuality.Email;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Grains.Tests.Invitations;

namespace SupplierQuality.Grains.Tests.Campaigns;

/// <summary>Suppliers with contacts, a published questionnaire, and campaigns over them.</summary>
internal static partial class CampaignSamples
{
    /// <summary>A supplier whose contacts are "{name}@{tag}.test" for each name, unique per call.</summary>
    public static async Task<Guid> SupplierAsync(IGrainFactory grains, string category, params string[] contacts)
    {
        var id = Guid.NewGuid();
        var tag = id.ToString("N")[..8];
        var profile = new SupplierProfile(
            $"Supplier {tag}",
            category,
            null,
            SupplierStatus.Active,
            [.. contacts.Select(c => new SupplierContact(c, $"{c}@{tag}.test"))]);
        Assert.Equal(CommandOutcome.Created, (await grains.GetGrain<ISupplierGrain>(id).CreateAsync(new CreateSupplier(profile))).Outcome);
        return id;
    }

    public static async Task<CampaignDefinition> DefinitionAsync(IGrainFactory grains, DateTimeOffset now, params Guid[] suppliers)
    {
        var (questionnaireId, _) = await InvitationSamples.PublishAsync(grains);
        return new CampaignDefinition(
            "Supplier survey 2026",
            questionnaireId,
            1,
            AudienceKind.Chosen,
            null,
            suppliers,
            [],
            null,
            now.AddDays(14),
            [3, 7],
            "How did {{supplier_name}} do, {{contact_name}}?",
            "Please tell us by {{deadline}}.",
            "Acme Buying Ltd");
    }

    /// <summary>Creates and launches the campaign, then runs its batches until nothing is due.</summary>
    public static async Task<ICampaignGrain> LaunchAsync(IGrainFactory grains, CampaignDefinition definition)
    {
        var campaign = grains.GetGrain<ICampaignGrain>(Guid.NewGuid());
        var created = await campaign.CreateAsync(definition);
        Assert.True(created.Outcome == CommandOutcome.Created, string.Join("; ", created.Errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}")));
        Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);
        await campaign.RunAsync();
        return campaign;
    }

    /// <summary>The invitation behind an email, found from the link token in its text body.</summary>
    public static IInvitationGrain InvitationOf(this IGrainFactory grains, MailMessage message) =>
        grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(TokenOf(message)));

    public static string TokenOf(MailMessage message)
    {
        var start = message.TextBody.IndexOf("/s/", StringComparison.Ordinal) + 3;
        return message.TextBody.Substring(start, InvitationToken.Length);
    }

    /// <summary>
    /// The suppliers an evaluator's digest lists, in its order, each with the state of its form as written and the link
    /// token ("Supplier 1a2b3c4d (new): not opened" and the link on the next line of the text body).
    /// </summary>
    public static IReadOnlyList<(string Supplier, bool New, string State, string Token)> DigestLines(MailMessage message) =>
        [.. DigestLine().Matches(message.TextBody).Select(m => (m.Groups["name"].Value, m.Groups["new"].Success, m.Groups["state"].Value, m.Groups["token"].Value))];

    /// <summary>A resend of its own click, as a manager's one press of the button.</summary>
    public static ResendRequest Click(string invitationKey) => new(invitationKey, Guid.NewGuid());

    /// <summary>Waits for one-way progress reports to reach the campaign.</summary>
    public static async Task<CampaignDetails> EventuallyAsync(this ICampaignGrain campaign, Func<CampaignDetails, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var details = (await campaign.GetAsync())!;
            if (condition(details) || DateTime.UtcNow > deadline)
            {
                return details;
            }

            await Task.Delay(50);
        }
    }

    [GeneratedRegex(@"^(?<name>[^\n]+?)(?<new> \(new\))?: (?<state>[^\n]+)\nhttps://survey\.test/s/(?<token>[A-Za-z0-9_-]+)$", RegexOptions.Multiline)]
    private static partial Regex DigestLine();
}
