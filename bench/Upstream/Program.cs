using System.Text;

// A fixed ~1 KB JSON body for every path, over plain HTTP on loopback (the proxies' upstream leg).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

var body = Encoding.UTF8.GetBytes(Body());
app.Run(async context =>
{
    context.Response.StatusCode = 200;
    context.Response.ContentType = "application/json";
    context.Response.ContentLength = body.Length;
    await context.Response.Body.WriteAsync(body, context.RequestAborted);
});
await app.RunAsync();

static string Body()
{
    var items = new StringBuilder();
    for (var i = 1; i <= 6; i++)
    {
        if (i > 1)
        {
            items.Append(',');
        }

        items.Append(System.Globalization.CultureInfo.InvariantCulture, $$"""{"id":{{1000 + i}},"date":"2026-11-0{{i}}","duedate":"2026-12-0{{i}}","total":"{{i * 12.5:0.00}}","status":"Paid","paymentmethod":"banktransfer","currency":"EUR","notes":"benchmark invoice"}""");
    }

    return "{\"data\":[" + items + "],\"meta\":{\"current_page\":1,\"per_page\":25,\"total\":6,\"last_page\":1}}";
}
