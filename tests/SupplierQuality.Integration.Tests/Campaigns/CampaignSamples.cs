using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Integration.Tests.Questionnaires;

namespace SupplierQuality.Integration.Tests.Campaigns;

/// <summary>Suppliers, a questionnaire and a campaign made through the grains of a test node.</summary>
internal static class CampaignSamples
{
    /// <summary>Creates one supplier per entry, with that many contacts; returns their ids and every contact address.</summary>
    public static async Task<(List<Guid> Suppliers, List<string> Emails)> SuppliersAsync(IGrainFactory grains, params int[] contactsPerSupplier)
    {
        var suppliers = new List<Guid>();
        var emails = new List<string>();
        foreach (var count in contactsPerSupplier)
        {
            var id = Guid.NewGuid();
            var tag = id.ToString("N")[..8];
            var contacts = Enumerable.Range(1, count).Select(i => new SupplierContact($"Contact {i}", $"contact{i}@{tag}.test")).ToList();
            var created = await grains.GetGrain<ISupplierGrain>(id).CreateAsync(new CreateSupplier(
                new SupplierProfile($"Supplier {tag}", "castings", null, SupplierStatus.Active, contacts)));
            Assert.Equal(CommandOutcome.Created, created.Outcome);
            suppliers.Add(id);
            emails.AddRange(contacts.Select(c => c.Email));
        }

        return (suppliers, emails);
    }

    public static async Task<(Guid Id, QuestionnaireVersion Version)> QuestionnaireAsync(IGrainFactory grains)
    {
        var id = Guid.NewGuid();
        var questionnaire = grains.GetGrain<IQuestionnaireGrain>(id);
        Assert.Equal(CommandOutcome.Created, (await questionnaire.CreateAsync(new CreateQuestionnaire(QuestionnairesNode.EveryKind()))).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await questionnaire.PublishAsync(new PublishDraft(1))).Outcome);
        return (id, (await questionnaire.GetVersionAsync(1))!);
    }

    public static CampaignDefinition Definition(Guid questionnaireId, DateTimeOffset now, IReadOnlyList<Guid> suppliers, params int[] reminderDays) => new(
        "Supplier survey 2026",
        questionnaireId,
        1,
        AudienceKind.Chosen,
        null,
        [.. suppliers],
        [],
        null,
        now.AddDays(10),
        reminderDays,
        "{{supplier_name}}: how did we do together?",
        "Dear {{contact_name}}, please answer by {{deadline}}.",
        "Acme Buying Ltd");

    /// <summary>Valid answers to every question of <see cref="QuestionnairesNode.EveryKind"/>.</summary>
    public static Dictionary<string, string[]> Complete(QuestionnaireVersion version)
    {
        string Id(QuestionKind kind) => version.Questions.First(q => q.Kind == kind).Id;
        var multiple = version.Questions.First(q => q.Kind == QuestionKind.MultipleChoice);
        return new Dictionary<string, string[]>
        {
            [Id(QuestionKind.Likert)] = ["4"],
            [Id(QuestionKind.Rating)] = ["9"],
            [Id(QuestionKind.YesNo)] = ["yes"],
            [Id(QuestionKind.SingleChoice)] = [version.Questions.First(q => q.Kind == QuestionKind.SingleChoice).Options[0].Id],
            [Id(QuestionKind.MultipleChoice)] = [multiple.Options[0].Id],
            [Id(QuestionKind.Number)] = ["1.5"],
            [Id(QuestionKind.FreeText)] = ["Answer the phone faster."],
        };
    }

    /// <summary>The same answers as the form posts them.</summary>
    public static List<KeyValuePair<string, string>> FormFields(QuestionnaireVersion version) =>
        [.. Complete(version).SelectMany(a => a.Value.Select(v => new KeyValuePair<string, string>($"answers[{a.Key}]", v)))];

    /// <summary>The link token in an email's text body.</summary>
    public static string TokenIn(string text)
    {
        var start = text.IndexOf("/s/", StringComparison.Ordinal) + 3;
        return text.Substring(start, InvitationToken.Length);
    }

    /// <summary>Polls until <paramref name="condition"/> holds, for at most <paramref name="seconds"/>; fails with <paramref name="what"/>.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}; last seen: {value}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
