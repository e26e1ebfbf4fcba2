using System.Text.Json.Serialization;

namespace SupplierQuality.Grains.Questionnaires;

/// <summary>What a question asks for and how its answer is scored. Stored and sent by name, so names never change.</summary>
[GenerateSerializer, Alias("SupplierQuality.Questionnaires.QuestionKind")]
[JsonConverter(typeof(JsonStringEnumConverter<QuestionKind>))]
public enum QuestionKind
{
    /// <summary>A scale of <see cref="Question.Points"/> points with labelled ends; scored <c>100*(x-1)/(k-1)</c>.</summary>
    Likert = 0,

    /// <summary>0 to 10; scored <c>10*x</c>. With <see cref="Question.Nps"/> it also counts towards a Net Promoter Score.</summary>
    Rating = 1,

    /// <summary>Yes scores 100, no scores 0.</summary>
    YesNo = 2,

    /// <summary>One of the <see cref="Question.Options"/>; scored by the option's own score.</summary>
    SingleChoice = 3,

    /// <summary>Any of the <see cref="Question.Options"/>; not scored.</summary>
    MultipleChoice = 4,

    /// <summary>A number between <see cref="Question.Min"/> and <see cref="Question.Max"/>; scored only with a target range.</summary>
    Number = 5,

    /// <summary>Text up to <see cref="Question.MaxLength"/> characters; not scored.</summary>
    FreeText = 6,
}

/// <summary>A draft can still change; a published version never does.</summary>
[GenerateSerializer, Alias("SupplierQuality.Questionnaires.VersionStatus")]
[JsonConverter(typeof(JsonStringEnumConverter<VersionStatus>))]
public enum VersionStatus
{
    Draft = 0,
    Published = 1,
}
