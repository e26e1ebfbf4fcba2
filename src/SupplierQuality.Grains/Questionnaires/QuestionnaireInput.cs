using System.Globalization;
using System.Text;
using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Grains.Questionnaires;

/// <summary>
/// The rules a questionnaire must meet, shared by the REST API, the pages and the grain (which never trusts its
/// caller). Error keys are camel-case JSON paths (<c>title</c>, <c>dimensions[0].weight</c>,
/// <c>questions[2].options[1].score</c>) so API clients can point at the field; pages map them to their own fields.
/// Two levels: <see cref="ValidateDraft"/> is what any saved draft meets (it may be unfinished), and
/// <see cref="ValidateForPublish"/> adds what a version suppliers answer must have.
/// </summary>
public static class QuestionnaireInput
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MaxDimensions = 20;
    public const int MaxDimensionNameLength = 100;
    public const decimal MaxWeight = 100;
    public const int MaxQuestions = 200;
    public const int MaxIdLength = 40;
    public const int MaxQuestionTextLength = 500;
    public const int MaxHelpTextLength = 1000;
    public const int MaxLabelLength = 100;
    public const int MinLikertPoints = 3;
    public const int MaxLikertPoints = 10;
    public const int MinOptions = 2;
    public const int MaxOptions = 20;
    public const int MaxOptionTextLength = 200;
    public const decimal MaxOptionScore = 100;
    public const int MaxFreeTextLength = 4000;

    /// <summary>
    /// Trims every text, turns blank optional texts into null, gives a dimension without an id the slug of its
    /// name, and clears the settings the question's kind does not use (so switching a question's kind leaves
    /// nothing behind), "Not applicable" on a question that is not scored included. A free-text question without a
    /// limit gets <see cref="MaxFreeTextLength"/>.
    /// </summary>
    public static QuestionnaireContent Normalize(QuestionnaireContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var dimensions = (content.Dimensions ?? [])
            .Select(d => new Dimension(d?.Id?.Trim() ?? string.Empty, d?.Name?.Trim() ?? string.Empty, d?.Weight))
            .ToList();
        var taken = new HashSet<string>(dimensions.Select(d => d.Id).Where(id => id.Length > 0), StringComparer.Ordinal);
        for (var i = 0; i < dimensions.Count; i++)
        {
            if (dimensions[i].Id.Length == 0)
            {
                var id = Unique(Slug(dimensions[i].Name) is { Length: > 0 } slug ? slug : "dimension", taken);
                taken.Add(id);
                dimensions[i] = dimensions[i] with { Id = id };
            }
        }

        return new QuestionnaireContent
        {
            Title = content.Title?.Trim() ?? string.Empty,
            Description = Blank(content.Description),
            Dimensions = dimensions,
            Questions = [.. (content.Questions ?? []).Select(q => NormalizeQuestion(q ?? new Question()))],
        };
    }

    /// <summary>The rules every saved draft meets. Empty when the content is valid.</summary>
    public static Dictionary<string, string[]> ValidateDraft(QuestionnaireContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(content.Title))
        {
            errors.Add("title", "Enter a title.");
        }
        else if (content.Title.Length > MaxTitleLength)
        {
            errors.Add("title", $"The title must be at most {MaxTitleLength} characters.");
        }

        if (content.Description is { Length: > MaxDescriptionLength })
        {
            errors.Add("description", $"The description must be at most {MaxDescriptionLength} characters.");
        }

        ValidateDimensions(content.Dimensions, errors);

        if (content.Questions.Count > MaxQuestions)
        {
            errors.Add("questions", $"A questionnaire can have at most {MaxQuestions} questions.");
        }

        var dimensionIds = content.Dimensions.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var questionIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < content.Questions.Count; i++)
        {
            var question = content.Questions[i];
            var key = $"questions[{i}]";
            if (question.Id.Length > 0)
            {
                if (!IsSlug(question.Id))
                {
                    errors.Add($"{key}.id", SlugMessage);
                }
                else if (!questionIds.Add(question.Id))
                {
                    errors.Add($"{key}.id", "Another question already has this id.");
                }
            }

            if (question.DimensionId is { } dimensionId && !dimensionIds.Contains(dimensionId))
            {
                errors.Add($"{key}.dimensionId", $"There is no dimension \"{dimensionId}\" in this questionnaire.");
            }

            ValidateQuestion(question, key, errors);
        }

        return errors.ToDictionary();
    }

    /// <summary>
    /// The draft rules plus what a published version needs: at least one question, and a dimension for every
    /// scored question (its score has to count somewhere).
    /// </summary>
    public static Dictionary<string, string[]> ValidateForPublish(QuestionnaireContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var errors = new FieldErrors(ValidateDraft(content));
        if (content.Questions.Count == 0)
        {
            errors.Add("questions", "Add at least one question before publishing.");
        }

        for (var i = 0; i < content.Questions.Count; i++)
        {
            var question = content.Questions[i];
            if (question.IsScored && question.DimensionId is null && Enum.IsDefined(question.Kind))
            {
                errors.Add($"questions[{i}].dimensionId", "Choose a dimension: answers to this question are scored.");
            }
        }

        return errors.ToDictionary();
    }

    /// <summary>
    /// Gives every question and option without an id a new one, <c>q{n}</c> and <c>o{n}</c>, numbered past the
    /// highest number used in <paramref name="earlier"/> versions and in the content itself, so an id never comes
    /// back meaning another question. Deterministic: the same content and history give the same ids.
    /// </summary>
    public static QuestionnaireContent AssignIds(QuestionnaireContent content, IEnumerable<QuestionnaireContent> earlier)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(earlier);
        var all = earlier.Append(content).ToList();
        var nextQuestion = 1 + all.SelectMany(c => c.Questions).Select(q => Numbered(q.Id, 'q')).DefaultIfEmpty(0).Max();
        var nextOption = 1 + all.SelectMany(c => c.Questions).SelectMany(q => q.Options).Select(o => Numbered(o.Id, 'o')).DefaultIfEmpty(0).Max();
        if (content.Questions.All(q => q.Id.Length > 0 && q.Options.All(o => o.Id.Length > 0)))
        {
            return content;
        }

        return content with
        {
            Questions = [.. content.Questions.Select(q => q with
            {
                Id = q.Id.Length > 0 ? q.Id : Number('q', nextQuestion++),
                Options = [.. q.Options.Select(o => o.Id.Length > 0 ? o : o with { Id = Number('o', nextOption++) })],
            })],
        };

        static string Number(char prefix, int n) => prefix + n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Parses a kind name as a person or a system would send it (any case). Blank or unknown: false.</summary>
    public static bool TryParseKind(string? value, out QuestionKind kind)
    {
        kind = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        // Enum.TryParse alone would also take "1" or "Likert,Rating".
        foreach (var candidate in Enum.GetValues<QuestionKind>())
        {
            if (string.Equals(candidate.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>The names of the kinds, for messages and menus.</summary>
    public static string KindNames => string.Join(", ", Enum.GetNames<QuestionKind>());

    /// <summary>
    /// Lower-case letters and digits joined by single hyphens, at most <see cref="MaxIdLength"/> characters;
    /// empty when the text has no letters or digits. Accents are dropped (é becomes e).
    /// </summary>
    public static string Slug(string? text)
    {
        var slug = new StringBuilder();
        foreach (var c in (text ?? string.Empty).Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString(0, Math.Min(slug.Length, MaxIdLength)).Trim('-');
        return result;
    }

    public static bool IsSlug(string id) =>
        id.Length is > 0 and <= MaxIdLength
        && id.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c) || c == '-')
        && id[0] != '-' && id[^1] != '-' && !id.Contains("--", StringComparison.Ordinal);

    private const string SlugMessage = "Use lower-case letters, digits and single hyphens, at most 40 characters.";

    private static Question NormalizeQuestion(Question question)
    {
        var kind = question.Kind;
        var labelled = kind is QuestionKind.Likert or QuestionKind.Rating;
        var choice = kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice;
        var number = kind == QuestionKind.Number;
        var normalized = new Question
        {
            Id = question.Id?.Trim() ?? string.Empty,
            Kind = kind,
            Text = question.Text?.Trim() ?? string.Empty,
            HelpText = Blank(question.HelpText),
            Required = question.Required,
            DimensionId = Blank(question.DimensionId),
            Points = kind == QuestionKind.Likert ? question.Points : null,
            LowLabel = labelled ? Blank(question.LowLabel) : null,
            HighLabel = labelled ? Blank(question.HighLabel) : null,
            Nps = kind == QuestionKind.Rating && question.Nps,
            Options = choice
                ? [.. (question.Options ?? []).Select(o => new ChoiceOption(
                    o?.Id?.Trim() ?? string.Empty,
                    o?.Text?.Trim() ?? string.Empty,
                    kind == QuestionKind.SingleChoice ? o?.Score : null))]
                : [],
            Min = number ? question.Min : null,
            Max = number ? question.Max : null,
            TargetMin = number ? question.TargetMin : null,
            TargetMax = number ? question.TargetMax : null,
            MaxLength = kind == QuestionKind.FreeText ? question.MaxLength ?? MaxFreeTextLength : null,
        };

        // "Not applicable" leaves a score out, so only a question with a score to leave out offers it.
        return normalized with { AllowNotApplicable = question.AllowNotApplicable && normalized.IsScored };
    }

    private static void ValidateDimensions(IReadOnlyList<Dimension> dimensions, FieldErrors errors)
    {
        if (dimensions.Count > MaxDimensions)
        {
            errors.Add("dimensions", $"A questionnaire can have at most {MaxDimensions} dimensions.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < dimensions.Count; i++)
        {
            var (id, name, weight) = dimensions[i];
            var key = $"dimensions[{i}]";
            if (!IsSlug(id))
            {
                errors.Add($"{key}.id", SlugMessage);
            }
            else if (!ids.Add(id))
            {
                errors.Add($"{key}.id", "Another dimension already has this id.");
            }

            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add($"{key}.name", "Enter the dimension's name.");
            }
            else if (name.Length > MaxDimensionNameLength)
            {
                errors.Add($"{key}.name", $"The name must be at most {MaxDimensionNameLength} characters.");
            }
            else if (!names.Add(name))
            {
                errors.Add($"{key}.name", "Another dimension already has this name.");
            }

            if (weight is null)
            {
                errors.Add($"{key}.weight", "Enter a weight.");
            }
            else if (weight is <= 0 or > MaxWeight)
            {
                errors.Add($"{key}.weight", $"The weight must be more than 0 and at most {MaxWeight}.");
            }
        }
    }

    private static void ValidateQuestion(Question question, string key, FieldErrors errors)
    {
        if (!Enum.IsDefined(question.Kind))
        {
            errors.Add($"{key}.kind", $"Choose the kind of question: {KindNames}.");
        }

        if (string.IsNullOrWhiteSpace(question.Text))
        {
            errors.Add($"{key}.text", "Enter the question.");
        }
        else if (question.Text.Length > MaxQuestionTextLength)
        {
            errors.Add($"{key}.text", $"The question must be at most {MaxQuestionTextLength} characters.");
        }

        if (question.HelpText is { Length: > MaxHelpTextLength })
        {
            errors.Add($"{key}.helpText", $"The help text must be at most {MaxHelpTextLength} characters.");
        }

        switch (question.Kind)
        {
            case QuestionKind.Likert:
                if (question.Points is not (>= MinLikertPoints and <= MaxLikertPoints))
                {
                    errors.Add($"{key}.points", $"Choose from {MinLikertPoints} to {MaxLikertPoints} points.");
                }

                Label(question.LowLabel, required: true, $"{key}.lowLabel", "low", errors);
                Label(question.HighLabel, required: true, $"{key}.highLabel", "high", errors);
                break;
            case QuestionKind.Rating:
                Label(question.LowLabel, required: false, $"{key}.lowLabel", "low", errors);
                Label(question.HighLabel, required: false, $"{key}.highLabel", "high", errors);
                break;
            case QuestionKind.SingleChoice:
            case QuestionKind.MultipleChoice:
                ValidateOptions(question, key, errors);
                break;
            case QuestionKind.Number:
                ValidateNumber(question, key, errors);
                break;
            case QuestionKind.FreeText:
                if (question.MaxLength is not (>= 1 and <= MaxFreeTextLength))
                {
                    errors.Add($"{key}.maxLength", $"The length limit must be from 1 to {MaxFreeTextLength} characters.");
                }

                break;
        }
    }

    private static void Label(string? label, bool required, string key, string end, FieldErrors errors)
    {
        if (label is null)
        {
            if (required)
            {
                errors.Add(key, $"Label the {end} end of the scale.");
            }
        }
        else if (label.Length > MaxLabelLength)
        {
            errors.Add(key, $"The label must be at most {MaxLabelLength} characters.");
        }
    }

    private static void ValidateOptions(Question question, string key, FieldErrors errors)
    {
        var options = question.Options;
        if (options.Count < MinOptions)
        {
            errors.Add($"{key}.options", $"Give at least {MinOptions} options.");
        }
        else if (options.Count > MaxOptions)
        {
            errors.Add($"{key}.options", $"A question can have at most {MaxOptions} options.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var texts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var j = 0; j < options.Count; j++)
        {
            var (id, text, score) = options[j];
            var optionKey = $"{key}.options[{j}]";
            if (id.Length > 0)
            {
                if (!IsSlug(id))
                {
                    errors.Add($"{optionKey}.id", SlugMessage);
                }
                else if (!ids.Add(id))
                {
                    errors.Add($"{optionKey}.id", "Another option of this question already has this id.");
                }
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                errors.Add($"{optionKey}.text", "Enter the option's text.");
            }
            else if (text.Length > MaxOptionTextLength)
            {
                errors.Add($"{optionKey}.text", $"The option must be at most {MaxOptionTextLength} characters.");
            }
            else if (!texts.Add(text))
            {
                errors.Add($"{optionKey}.text", "Another option of this question already says this.");
            }

            if (question.Kind == QuestionKind.SingleChoice)
            {
                if (score is null)
                {
                    errors.Add($"{optionKey}.score", $"Enter a score from 0 to {MaxOptionScore}.");
                }
                else if (score is < 0 or > MaxOptionScore)
                {
                    errors.Add($"{optionKey}.score", $"The score must be from 0 to {MaxOptionScore}.");
                }
            }
        }
    }

    private static void ValidateNumber(Question question, string key, FieldErrors errors)
    {
        var (min, max, targetMin, targetMax) = (question.Min, question.Max, question.TargetMin, question.TargetMax);
        if (min is not null && max is not null && min >= max)
        {
            errors.Add($"{key}.max", "The maximum must be more than the minimum.");
        }

        if ((targetMin is null) != (targetMax is null))
        {
            errors.Add(targetMin is null ? $"{key}.targetMin" : $"{key}.targetMax", "Enter both ends of the target range, or neither.");
            return;
        }

        if (targetMin is null || targetMax is null)
        {
            return;
        }

        if (targetMin > targetMax)
        {
            errors.Add($"{key}.targetMax", "The target range must end at or above where it starts.");
        }

        // The score falls from 100 at the target to 0 at the minimum and maximum, so a target needs both.
        if (min is null)
        {
            errors.Add($"{key}.min", "Enter a minimum: with a target range, the score falls to 0 there.");
        }
        else if (targetMin < min)
        {
            errors.Add($"{key}.targetMin", "The target range must start at or above the minimum.");
        }

        if (max is null)
        {
            errors.Add($"{key}.max", "Enter a maximum: with a target range, the score falls to 0 there.");
        }
        else if (targetMax > max)
        {
            errors.Add($"{key}.targetMax", "The target range must end at or below the maximum.");
        }
    }

    private static string Unique(string id, HashSet<string> taken)
    {
        var candidate = id;
        for (var n = 2; taken.Contains(candidate); n++)
        {
            var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
            candidate = id[..Math.Min(id.Length, MaxIdLength - suffix.Length)].TrimEnd('-') + suffix;
        }

        return candidate;
    }

    /// <summary>n for an id like <c>q12</c>, else 0.</summary>
    private static int Numbered(string id, char prefix) =>
        id.Length > 1 && id[0] == prefix && int.TryParse(id.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
