"""The command line in the user's language: help texts and the parser's own errors.

Help texts are written in English (`N_`, so the catalogue finds them) and translated at the moment a
command line is read: `CicliGroup.make_context` picks the language from the arguments (`--lang`),
else $CICLI_LANG, else the system (cicli.i18n), then translates every help text of the command tree
in place, keeping the English to translate again. Typer's parser words its errors in English and has
no catalogue: `CicliGroup.main` catches them and words them itself, in the same shape as cicli's own
errors (`cicli: …` on standard error, the usage, where to find help; exit code 2).
"""

from __future__ import annotations

import re
import sys

import typer
from typer._click import exceptions as parse_errors
from typer.core import TyperCommand, TyperGroup

from .. import i18n
from ..i18n import N_, _
from .process import say

#: Typer's own help texts, translated like cicli's.
TYPER_TEXTS = (N_("Install completion for the current shell."),
               N_("Show completion for the current shell, to copy it or customize the installation."))


def language_in(args: list[str]) -> str | None:
    """The language `--lang X` or `--lang=X` names among the arguments, if it is one cicli speaks."""
    for i, arg in enumerate(args):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else \
            args[i + 1] if arg == "--lang" and i + 1 < len(args) else None
        if value in i18n.LANGS:
            return value
    return None


def _translate(command) -> None:
    """Every help text of `command` and its parameters in the current language (English kept aside)."""
    for param in getattr(command, "params", []):
        if isinstance(param, typer.core.TyperArgument):  # its metavar says enough: no `<list[str]>` beside it
            param.display_type_rich = lambda ctx: None
        elif getattr(param, "is_flag", False) and param.metavar is None:  # a flag takes no value: no `<bool>`
            param.metavar = ""
        english = param.__dict__.setdefault("_english_metavar", param.metavar)
        if english:  # FICHIER, NOM: the value a person types, named in their language
            param.metavar = _(english)
    for owner, attribute in [(command, "help"), (command, "short_help"),
                             *((p, "help") for p in getattr(command, "params", []))]:
        english = owner.__dict__.setdefault(f"_english_{attribute}", getattr(owner, attribute, None))
        if english:
            setattr(owner, attribute, _(english))
    for sub in getattr(command, "commands", {}).values():
        _translate(sub)


def _translate_panels() -> None:
    from typer import rich_utils  # 70 ms of rich's Markdown and syntax: only when help is shown

    rich_utils.ARGUMENTS_PANEL_TITLE = _("Arguments")
    rich_utils.OPTIONS_PANEL_TITLE = _("Options")
    rich_utils.COMMANDS_PANEL_TITLE = _("Commands")
    rich_utils.DEFAULT_STRING = _("[default: {}]")
    rich_utils.REQUIRED_LONG_STRING = _("[required]")


class _Translated:
    """What the group and its commands share: a usage line and a help option in the user's language."""

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=_("Usage: "))

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("Show this help and exit.")
            option.metavar = ""
        return option


class CicliCommand(_Translated, TyperCommand):
    def collect_usage_pieces(self, ctx) -> list[str]:
        """`[OPTIONS] CENTRE...` or `[OPTIONS] [PATH]`: arguments as people read them (Typer writes
        `{CENTRE}...` and `[[PATH]]` when a metavar is given)."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, typer.core.TyperArgument):
                name = (param.metavar or param.name.upper()).strip("[]")
                if param.nargs != 1 and not name.endswith("..."):
                    name += "..."
                pieces.append(name if param.required else f"[{name}]")
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces


class CicliGroup(_Translated, TyperGroup):
    def make_context(self, info_name, args, parent=None, **extra):
        i18n.set_language(language_in(list(args)) or i18n.default_lang())
        _translate(self)
        self.subcommand_metavar = _("COMMAND [ARGS]...")
        if not args or any(arg in ("--help", "-h") for arg in args):
            _translate_panels()
        return super().make_context(info_name, args, parent=parent, **extra)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            # Not standalone: the parser's errors come here to be worded; an exit code comes back as a value.
            returned = super().main(args=args, prog_name=prog_name, complete_var=complete_var,
                                    standalone_mode=False, **extra)
        except parse_errors.NoArgsIsHelpError as e:
            typer.echo(e.ctx.get_help())
            code = 2
        except parse_errors.UsageError as e:
            say(parse_error_text(e))
            if e.ctx is not None:
                usage = e.ctx.get_usage()
                typer.echo(usage if usage.endswith("\n") else usage + "\n", err=True, nl=False)
                say(_("see « {command} --help ».", command=e.ctx.command_path))
            code = 2
        except typer.Abort:
            say(_("interrupted."))
            code = 130
        else:
            code = returned if isinstance(returned, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


_CHOICE = re.compile(r"^(?:Value error, )?(?P<value>.+) is not one of (?P<choices>.+)\.$")
_NEEDS_VALUE = re.compile(r"^Option (?P<option>'[^']+') requires an? (?:argument|arguments)\.?$")
_NO_VALUE = re.compile(r"^Option (?P<option>'[^']+') does not take a value\.?$")
_EXTRA = re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((?P<arguments>.*)\)$")
_NO_COMMAND = re.compile(r"^No such command (?P<command>'[^']*')\.?$")


def parse_error_text(e: parse_errors.UsageError) -> str:
    """An error of the parser, in the user's language."""
    if isinstance(e, parse_errors.NoSuchOption):
        text = _("no such option: {option}.", option=e.option_name)
        if e.possibilities:
            text += " " + _("Did you mean {options}?", options=", ".join(sorted(e.possibilities)))
        return text
    if isinstance(e, parse_errors.MissingParameter):
        if isinstance(e.param, typer.core.TyperArgument):
            return _("missing argument: {name}.", name=(e.param.metavar or e.param.name.upper()).strip("[]."))
        return _("missing option: {name}.", name=e.param.opts[0] if e.param is not None else "")
    if isinstance(e, parse_errors.BadParameter):
        hint = " / ".join(e.param.opts) if e.param is not None else ""
        if m := _CHOICE.match(e.message):
            return _("{option}: {value} is not one of: {choices}.", option=hint, value=m["value"],
                     choices=m["choices"])
        return _("invalid value for {option}: {message}", option=hint, message=e.message)
    for pattern, text in ((_NEEDS_VALUE, N_("option {option} needs a value.")),
                          (_NO_VALUE, N_("option {option} takes no value.")),
                          (_EXTRA, N_("unexpected argument: {arguments}.")),
                          (_NO_COMMAND, N_("no such command: {command}."))):
        if m := pattern.match(e.message):
            return _(text, **m.groupdict())
    return e.message
