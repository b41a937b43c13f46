using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gateway.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TokenUsageHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "token_client_ips",
                columns: table => new
                {
                    TokenId = table.Column<long>(type: "INTEGER", nullable: false),
                    Ip = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false),
                    FirstSeen = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastSeen = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Requests = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_token_client_ips", x => new { x.TokenId, x.Ip });
                    table.ForeignKey(
                        name: "FK_token_client_ips_tokens_TokenId",
                        column: x => x.TokenId,
                        principalTable: "tokens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "token_usage_days",
                columns: table => new
                {
                    TokenId = table.Column<long>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Requests = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_token_usage_days", x => new { x.TokenId, x.Day });
                    table.ForeignKey(
                        name: "FK_token_usage_days_tokens_TokenId",
                        column: x => x.TokenId,
                        principalTable: "tokens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_token_client_ips_TokenId_LastSeen",
                table: "token_client_ips",
                columns: new[] { "TokenId", "LastSeen" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "token_client_ips");

            migrationBuilder.DropTable(
                name: "token_usage_days");
        }
    }
}
