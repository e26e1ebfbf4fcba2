using System.Globalization;
using System.Net;

namespace SupplierQuality.Benchmarks.Client;

/// <summary>
/// The run's questionnaire, made and published through the API, and answers to it as a supplier's contact would
/// give them: each supplier has a level of its own, so the suppliers spread over the ranking and its standings.
/// </summary>
internal sealed class Survey
{
    private readonly IReadOnlyList<(string Id, string Kind)> _questions;

    private Survey(Guid id, IReadOnlyList<(string Id, string Kind)> questions)
    {
        Id = id;
        _questions = questions;
    }

    public Guid Id { get; }

    public static async Task<Survey> PublishAsync(NodeSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        object Likert(string text, string dimension) =>
            new { kind = "Likert", text, required = true, dimensionId = dimension, points = 5, lowLabel = "Very poor", highLabel = "Excellent" };
        var created = await session.SendJsonAsync(HttpMethod.Post, "/api/questionnaires", new
        {
            title = "Benchmark supplier survey",
            description = "How did we do together this year?",
            dimensions = new object[] { new { id = "quality", name = "Quality", weight = 60 }, new { id = "delivery", name = "Delivery", weight = 40 } },
            questions = new[]
            {
                Likert("How good were the parts?", "quality"),
                Likert("How well were questions answered?", "quality"),
                Likert("How reliable were the delivery dates?", "delivery"),
                new { kind = "YesNo", text = "Were deliveries complete?", required = true, dimensionId = "delivery" },
                new { kind = "Rating", text = "How likely are you to recommend us?", dimensionId = "quality", nps = true, lowLabel = "Not at all", highLabel = "Extremely" },
                (object)new { kind = "FreeText", text = "What should we do better?", maxLength = 1500 },
            },
        }, HttpStatusCode.Created, cancellationToken);
        var id = Guid.Parse(created["id"]!.GetValue<string>());
        await session.SendJsonAsync(HttpMethod.Post, $"/api/questionnaires/{id}/publish", new { revision = created["revision"]!.GetValue<int>() }, HttpStatusCode.OK, cancellationToken);
        var version = await session.GetJsonAsync($"/api/questionnaires/{id}/versions/1", cancellationToken);
        var questions = version["questions"]!.AsArray()
            .Select(q => (q!["id"]!.GetValue<string>(), q["kind"]!.ToString()))
            .ToList();
        return new Survey(id, questions);
    }

    /// <summary>A full set of answers from a contact of <paramref name="supplier"/>, as the form posts them.</summary>
    public IEnumerable<KeyValuePair<string, string>> Answers(int supplier)
    {
        // The supplier's level, 0 to 1, the same on every answer; each answer strays from it a little.
        var level = new Random(supplier).NextDouble();
        var random = new Random(HashCode.Combine(supplier, Environment.TickCount));
        string Scale(int low, int high) =>
            Math.Clamp((int)Math.Round(low + (level * (high - low)) + ((random.NextDouble() - 0.5) * 2)), low, high).ToString(CultureInfo.InvariantCulture);
        foreach (var (id, kind) in _questions)
        {
            var value = kind switch
            {
                "Likert" => Scale(1, 5),
                "Rating" => Scale(0, 10),
                "YesNo" => random.NextDouble() < level ? "yes" : "no",
                "FreeText" when random.Next(4) == 0 => "Answer the phone faster, and send the delivery notes with the parts.",
                _ => null,
            };
            if (value is not null)
            {
                yield return new($"answers[{id}]", value);
            }
        }
    }
}
