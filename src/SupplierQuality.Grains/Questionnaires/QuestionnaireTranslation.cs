using SupplierQuality.Email.Languages;

namespace SupplierQuality.Grains.Questionnaires;

/// <summary>One text of a version that may be translated: its key, what it is, and the words as the manager wrote them.</summary>
/// <param name="Key">"title", "description", "dimension:{id}", "question:{id}", "help:{id}", "low:{id}", "high:{id}", "option:{question}:{option}".</param>
/// <param name="What">What the text is, for the translator ("Question 3", "Question 3, option 2").</param>
public sealed record TranslatableText(string Key, string What, string Original);

/// <summary>
/// A version's optional translation into a respondent's language: the texts a respondent reads (title, description,
/// dimension names, question and help texts, scale ends, option labels), by key. Only words: ids, kinds, points, scores
/// and weights are the version's, so a translation never changes what an answer means or scores, and may be added to
/// or corrected on a published version that campaigns run on. A text left out is shown as written.
/// </summary>
public static class QuestionnaireTranslation
{
    public const int MaxTextLength = QuestionnaireInput.MaxDescriptionLength;

    /// <summary>Every text of the version that a respondent reads, in the form's order.</summary>
    public static IReadOnlyList<TranslatableText> Texts(QuestionnaireVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var texts = new List<TranslatableText> { new("title", "Title", version.Title) };
        if (version.Description is { Length: > 0 } description)
        {
            texts.Add(new("description", "Introduction", description));
        }

        texts.AddRange(version.Dimensions.Select(d => new TranslatableText($"dimension:{d.Id}", $"Dimension {d.Name}", d.Name)));
        for (var i = 0; i < version.Questions.Count; i++)
        {
            var q = version.Questions[i];
            var n = i + 1;
            texts.Add(new($"question:{q.Id}", $"Question {n}", q.Text));
            if (q.HelpText is { Length: > 0 } help)
            {
                texts.Add(new($"help:{q.Id}", $"Question {n}, help text", help));
            }

            if (q.LowLabel is { Length: > 0 } low)
            {
                texts.Add(new($"low:{q.Id}", $"Question {n}, low end of the scale", low));
            }

            if (q.HighLabel is { Length: > 0 } high)
            {
                texts.Add(new($"high:{q.Id}", $"Question {n}, high end of the scale", high));
            }

            texts.AddRange(q.Options.Select((o, j) => new TranslatableText($"option:{q.Id}:{o.Id}", $"Question {n}, option {j + 1}", o.Text)));
        }

        return texts;
    }

    /// <summary>
    /// Trimmed texts for keys of the version, blank ones dropped; errors by key for a text that is too long or a key the
    /// version does not have, and under "language" for a language that is not offered or is English (the original).
    /// </summary>
    public static (Dictionary<string, string> Texts, Dictionary<string, string[]> Errors) Normalize(
        QuestionnaireVersion version, string? language, IReadOnlyDictionary<string, string>? texts)
    {
        ArgumentNullException.ThrowIfNull(version);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Language.TryFind(language, out var found) || found == Language.English)
        {
            errors["language"] = [$"Choose a language to translate into: {string.Join(", ", Language.All.Skip(1).Select(l => l.Code))}."];
        }

        var keys = Texts(version).Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in texts ?? new Dictionary<string, string>())
        {
            var text = value?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            if (!keys.Contains(key))
            {
                errors[key] = ["This version has no such text. Reload the page and try again."];
            }
            else if (text.Length > MaxTextLength)
            {
                errors[key] = [$"Shorten the translation to at most {MaxTextLength} characters."];
            }
            else
            {
                kept[key] = text;
            }
        }

        return (kept, errors);
    }

    /// <summary>The version with its texts in the translation where it has them; the same version for none.</summary>
    public static QuestionnaireVersion Apply(QuestionnaireVersion version, IReadOnlyDictionary<string, string>? translation)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (translation is null || translation.Count == 0)
        {
            return version;
        }

        string Or(string key, string original) => translation.TryGetValue(key, out var text) ? text : original;
        string? OrNull(string key, string? original) => original is null ? null : Or(key, original);
        var content = version.Content with
        {
            Title = Or("title", version.Title),
            Description = OrNull("description", version.Description),
            Dimensions = [.. version.Dimensions.Select(d => d with { Name = Or($"dimension:{d.Id}", d.Name) })],
            Questions =
            [
                .. version.Questions.Select(q => q with
                {
                    Text = Or($"question:{q.Id}", q.Text),
                    HelpText = OrNull($"help:{q.Id}", q.HelpText),
                    LowLabel = OrNull($"low:{q.Id}", q.LowLabel),
                    HighLabel = OrNull($"high:{q.Id}", q.HighLabel),
                    Options = [.. q.Options.Select(o => o with { Text = Or($"option:{q.Id}:{o.Id}", o.Text) })],
                }),
            ],
        };
        return version with { Content = content };
    }
}
