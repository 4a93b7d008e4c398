package org.vapr.pipeline.edit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerExtenderTest {
    private final AnswerExtender ext = new AnswerExtender(true);

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Is there a red circle in the image? | Yes | Yes, there is a red circle in the image.
            Is there a red circle in the image? | No | No, there is no red circle in the image.
            Are there any dogs? | Yes | Yes, there are dogs in the image.
            Are there any dogs? | no | No, there are no dogs in the image.
            Is there an apple on the table? | No. | No, there is no apple on the table.
            Are there both cars and trucks in this picture? | No | No, there are not both cars and trucks in this picture.
            Is the star to the left of the circle? | No | No, the star is not to the left of the circle.
            Is the star to the left of the circle? | Yes | Yes, the star is to the left of the circle.
            Is the diamond far from the medium solid blue circle? | Yes | Yes, the diamond is far from the medium solid blue circle.
            Is the diamond next to the circle? | No | No, the diamond is not next to the circle.
            Is the cat black? | Yes | Yes, the cat is black.
            Is the cat black? | No | No, the cat is not black.
            Is the red circle large? | Yes | Yes, the red circle is large.
            Is the man wearing a hat? | No | No, the man is not wearing a hat.
            Is it indoors? | Yes | Yes, it is indoors.
            Is this photo taken indoors? | No | No, this photo is not taken indoors.
            Is this a kitchen? | Yes | Yes, this is a kitchen.
            Are the dogs sleeping? | No | No, the dogs are not sleeping.
            Is the traffic light red? | Yes | Yes, the traffic light is red.
            Does the star have a striped pattern? | Yes | Yes, the star has a striped pattern.
            Does the star have a striped pattern? | No | No, the star does not have a striped pattern.
            Do the dogs have collars? | Yes | Yes, the dogs have collars.
            Can the man reach the shelf? | No | No, the man cannot reach the shelf.
            Was the car parked? | Yes | Yes, the car was parked.
            Do you see a dog? | No | No, there is no dog in the image.
            Do you see any cats? | Yes | Yes, there are cats in the image.
            Hmm? | Yes | Yes, that is correct.
            Hmm? | No | No, that is not correct.
            """)
    void extendsYesNoKeepingPolarity(String q, String a, String expected) {
        assertThat(ext.extend(q, a).text()).isEqualTo(expected);
        boolean yes = a.toLowerCase().startsWith("yes");
        assertThat(ext.extend(q, a).text()).startsWith(yes ? "Yes" : "No");
    }

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(delimiter = '|', textBlock = """
            How many red circles are there? | 3 | There are 3 red circles in the image.
            How many red circles are there in the image? | 1 | There is 1 red circle in the image.
            How many people are sitting on the bench? | two | Two people are sitting on the bench.
            What is the number of stars? | 4 | There are 4 stars in the image.
            What color is the star? | Red | The star is red.
            What color are the shoes? | white | The shoes are white.
            What is the color of the small square? | Blue | The color of the small square is blue.
            What size is the blue triangle? | Small | The blue triangle is small.
            Is the red circle small, medium, or large? | Large | The red circle is large.
            Which is bigger, the star or the circle? | The star | The star is bigger.
            Which side is the laptop on? | Left | The laptop is on the left.
            Is the plate to the left or to the right of the cup? | Right | The plate is to the right of the cup.
            Where is the red circle relative to the blue star? | Left | The red circle is to the left of the blue star.
            What is above the green square? | Star | The star is above the green square.
            What shape is the red object? | Circle | The red object is a circle.
            What pattern does the blue star have? | Striped | The blue star has a striped pattern.
            What kind of shape is on the left? | Hexagon | The shape on the left is a hexagon.
            What is the weather like in the image? | Sunny | The weather is sunny in the image.
            What time of day is it in the image? | Night | It is night in the image.
            Is this picture taken indoors or outdoors? | Outdoors | This picture is taken outdoors.
            Is the car red or blue? | Blue | The car is blue.
            What is the man doing? | surfing | The man is surfing.
            What is the man holding? | umbrella | The man is holding an umbrella.
            Who is wearing a hat? | Man | The man is wearing a hat.
            """)
    void extendsShortAnswers(String q, String a, String expected) {
        AnswerExtender.Extension e = ext.extend(q, a);
        assertThat(e.text()).isEqualTo(expected);
        assertThat(e.kind()).isEqualTo(AnswerExtender.Kind.SHORT_TEMPLATE);
    }

    @Test
    void extendShortOffKeepsShortAnswersButStillExtendsYesNo() {
        AnswerExtender off = new AnswerExtender(false);
        assertThat(off.extend("What color is the star?", "Red").text()).isEqualTo("Red");
        assertThat(off.extend("What color is the star?", "Red").kind()).isEqualTo(AnswerExtender.Kind.SHORT_KEPT);
        assertThat(off.extend("Is the cat black?", "Yes").text()).isEqualTo("Yes, the cat is black.");
    }

    @Test
    void sentencesAndUnknownShortAnswersAreKept() {
        AnswerExtender.Extension s = ext.extend("Describe the image.", "A man rides a horse on the beach, at sunset.");
        assertThat(s.kind()).isEqualTo(AnswerExtender.Kind.SENTENCE);
        assertThat(s.text()).isEqualTo("A man rides a horse on the beach, at sunset.");
        AnswerExtender.Extension k = ext.extend("What is the airspeed of a swallow?", "11 m/s");
        assertThat(k.kind()).isEqualTo(AnswerExtender.Kind.SHORT_KEPT);
        assertThat(k.text()).isEqualTo("11 m/s");
    }

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(delimiter = '|', textBlock = """
            What time of day is it in the image? | It is night.
            What color is the circle? | The circle is white.
            What is the color of the square? | The square is red.
            What size is the star? | The star is large.
            What is the weather like? | It's snowy.
            """)
    void shortSentencesAreAlreadySentencesAndStayAsTheyAre(String q, String a) {
        AnswerExtender.Extension e = ext.extend(q, a);
        assertThat(e.text()).isEqualTo(a);
        assertThat(e.kind()).isEqualTo(AnswerExtender.Kind.SENTENCE);
    }
}
