using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gateway.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditSeals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_seals",
                columns: table => new
                {
                    Folder = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Chain = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    File = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Offset = table.Column<long>(type: "bigint", nullable: false),
                    Mac = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SealedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_seals", x => new { x.Folder, x.Chain });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_seals");
        }
    }
}
