"""Uniform JSON error answers: every failure is ``{"error": <code>, "message": <text>, ...}``
with the code from :class:`workstation.hub.codes.ErrorCode`, so clients branch on the code and
never parse prose."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from workstation.hub.codes import ErrorCode


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str = "",
        *,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message or code.replace("_", " ")
        self.headers = headers or {}
        self.extra = extra


def error_response(err: ApiError) -> JSONResponse:
    body = {"error": err.code, "message": err.message, **err.extra}
    return JSONResponse(body, status_code=err.status, headers=err.headers)


def not_found() -> ApiError:
    return ApiError(404, ErrorCode.NOT_FOUND, "no such study in your worklist")


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # Only location and message: pydantic's "input" could echo a password back.
        detail = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg", "")}
            for e in exc.errors()
        ]
        return error_response(
            ApiError(422, ErrorCode.INVALID_REQUEST, "request is malformed", detail=detail)
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # 400 comes from a body that is not even text (e.g. invalid UTF-8).
        codes = {404: ErrorCode.NOT_FOUND, 400: ErrorCode.INVALID_REQUEST}
        code = codes.get(exc.status_code, f"http_{exc.status_code}")
        return error_response(
            ApiError(exc.status_code, code, str(exc.detail), headers=dict(exc.headers or {}))
        )


def document_unparseable_bodies(app: FastAPI) -> None:
    """Add the 400 answer (RFC 9110 section 15.5.1: the body could not be parsed at all) to
    every operation that takes a body, so the published contract lists every status the hub
    can send. FastAPI adds it at run time but not to the schema."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build()
        answer = {
            "description": "Body could not be parsed",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}
            },
        }
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                if "requestBody" in operation:
                    operation["responses"].setdefault("400", answer)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
