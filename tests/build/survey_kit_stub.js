// A stand-in for Google's FormApp, to run a survey kit's Apps Script under Node (tests/build/test_survey_kit.py).
// It has only the methods checked against Google's Apps Script reference for Forms: a script calling any
// other method fails here. It prints what the script asked for, as JSON.
"use strict";
const fs = require("fs");
const vm = require("vm");

const calls = { title: null, description: null, collectEmail: null, items: [], logged: [] };

function newItem(kind) {
  const item = { kind, title: null, help: "", choices: null, required: null, validation: null };
  calls.items.push(item);
  const api = {
    setTitle(text) {
      item.title = text;
      return api;
    },
    setHelpText(text) {
      item.help = text;
      return api;
    },
    setChoiceValues(values) {
      item.choices = values;
      return api;
    },
    setRequired(required) {
      item.required = required;
      return api;
    },
    setValidation(validation) {
      item.validation = validation;
      return api;
    },
  };
  return api;
}

const form = {
  setDescription(text) {
    calls.description = text;
    return form;
  },
  setCollectEmail(collect) {
    calls.collectEmail = collect;
    return form;
  },
  addMultipleChoiceItem() {
    return newItem("choice");
  },
  addTextItem() {
    return newItem("text");
  },
  getEditUrl() {
    return "edit-url";
  },
};

function createTextValidation() {
  const validation = {};
  const builder = {
    setHelpText(text) {
      validation.help = text;
      return builder;
    },
    requireNumberBetween(start, end) {
      validation.min = start;
      validation.max = end;
      return builder;
    },
    build() {
      return validation;
    },
  };
  return builder;
}

const sandbox = {
  FormApp: {
    create(title) {
      calls.title = title;
      return form;
    },
    createTextValidation,
  },
  Logger: {
    log(value) {
      calls.logged.push(String(value));
    },
  },
};
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(process.argv[2], "utf8"), sandbox, { filename: process.argv[2] });
vm.runInContext("createSurveyForm()", sandbox);
process.stdout.write(JSON.stringify(calls));
