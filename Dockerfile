# Token gateway container image: build with the .NET SDK, run on the ASP.NET runtime image as a non-root user.
#   docker build -t token-gateway .
#   docker run … (see docs/deploying.md, "In a container")

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so a source change does not invalidate the package layer.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY gateway/Gateway.csproj gateway/
COPY gateway/Domain/Gateway.Domain.csproj gateway/Domain/
COPY admin-ui/AdminUi.csproj admin-ui/
RUN dotnet restore gateway/Gateway.csproj
COPY yarp.json scopes.json ./
COPY gateway/ gateway/
COPY admin-ui/ admin-ui/
RUN dotnet publish gateway/Gateway.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# /data: the token store (SQLite) and the generated certificate; /logs: the audit trail. Both owned by the
# image's non-root user "app" (UID 1654), which the gateway runs as.
RUN mkdir -p /data /logs && chown app:app /data /logs && chmod 700 /data /logs
VOLUME ["/data", "/logs"]
ENV ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_NOLOGO=1 \
    Gateway__Storage__DataPath=/data \
    Gateway__Audit__Path=/logs \
    Kestrel__Endpoints__Public__Url=https://0.0.0.0:8443 \
    Kestrel__Endpoints__Admin__Url=https://0.0.0.0:9443
EXPOSE 8443 9443
USER app
# The runtime image has no curl: the gateway asks its own /healthz ("gateway health", exit 0 when healthy).
# No --start-period (dockerfilelint does not know it): three 30 s retries cover a start of a few seconds.
HEALTHCHECK --interval=30s --timeout=10s --retries=3 CMD ["dotnet", "/app/gateway.dll", "health"]
ENTRYPOINT ["dotnet", "/app/gateway.dll"]
CMD ["serve"]
